package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

/** Answers written into pooled buffers, which go back to the pool unless an answer is to be sent. */
final class Answers {
    /** How a transport gets the buffer an answer is written into: {@link #forStream}, or an {@link AnswerBlock}. */
    @FunctionalInterface
    interface Writer {
        /**
         * Runs {@code writer} on a buffer of {@code capacity} bytes, positioned where the answer is to
         * begin, and returns what it wrote, or null when it wrote nothing. Nothing stays allocated for
         * an answer there is nothing to send, nor when the writer throws.
         */
        ByteBuf write(ByteBufAllocator alloc, int capacity, ToIntFunction<ByteBuffer> writer);
    }

    private Answers() {
    }

    /**
     * An answer in a buffer of its own, cut to its size: over TCP it may wait in the send queue of a
     * client that reads slowly, which counts what it holds by its size.
     */
    static ByteBuf forStream(ByteBufAllocator alloc, int capacity, ToIntFunction<ByteBuffer> writer) {
        ByteBuf answer = alloc.directBuffer(capacity);
        int size = 0;
        try {
            size = writer.applyAsInt(answer.internalNioBuffer(0, capacity));
            return size == 0 ? null : answer.writerIndex(size).capacity(size);
        } finally {
            if (size == 0) {
                answer.release();
            }
        }
    }
}
