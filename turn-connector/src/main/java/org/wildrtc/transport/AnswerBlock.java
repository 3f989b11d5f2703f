package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

/**
 * A UDP listener's answers, written one after another into a pooled block and each sent as a slice
 * of it. An answer that took a pooled buffer of its own spent about a third of the listener's own
 * CPU under a Binding flood in the pool: allocating, recycling the buffer's wrapper, freeing (JFR).
 * A slice is one small object and two reference count updates. A block goes back to the pool when
 * the listener has moved on to the next one and the last answer in it has been sent; a listener's
 * answers leave with its read batch's flush, so that is soon. Used by the listener's event loop only.
 */
final class AnswerBlock implements Answers.Writer {
    /** Room for many small answers (a Binding success is 52 bytes) and for the largest several times over. */
    static final int BLOCK_BYTES = 64 * 1024;

    private ByteBuf block;
    private int used;

    @Override
    public ByteBuf write(ByteBufAllocator alloc, int capacity, ToIntFunction<ByteBuffer> writer) {
        if (block == null || block.capacity() - used < capacity) {
            release();
            block = alloc.directBuffer(Math.max(BLOCK_BYTES, capacity));
            used = 0;
        }
        // A writer that throws leaves the block as it was: what it wrote is overwritten by the next.
        int size = writer.applyAsInt(block.internalNioBuffer(used, capacity));
        if (size == 0) {
            return null;
        }
        ByteBuf answer = block.slice(used, size).retain();
        used += size;
        return answer;
    }

    /** Gives the block back (once the answers still in it are sent): the listener is closing. */
    void release() {
        if (block != null) {
            block.release();
            block = null;
        }
    }
}
