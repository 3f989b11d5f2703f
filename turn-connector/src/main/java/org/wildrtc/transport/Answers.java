package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

/** Answers written into pooled buffers, which go back to the pool unless an answer is to be sent. */
final class Answers {
    private Answers() {
    }

    /**
     * Runs {@code writer} on a buffer of {@code capacity} bytes and returns what it wrote, or null when
     * it wrote nothing. The buffer is released when there is nothing to send, and when the writer throws.
     * An answer is cut to its size: over TCP it may wait in the send queue of a client that reads slowly,
     * which counts what it holds by its size.
     */
    static ByteBuf write(ByteBufAllocator alloc, int capacity, ToIntFunction<ByteBuffer> writer) {
        ByteBuf answer = alloc.directBuffer(capacity);
        int size = 0;
        try {
            size = writer.applyAsInt(answer.nioBuffer(0, capacity));
            return size == 0 ? null : answer.writerIndex(size).capacity(size);
        } finally {
            if (size == 0) {
                answer.release();
            }
        }
    }
}
