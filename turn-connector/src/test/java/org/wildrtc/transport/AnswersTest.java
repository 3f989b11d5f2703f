package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.BufferOverflowException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An answer's buffer goes back unless the answer is sent: when there is none, and when writing it fails. */
class AnswersTest {
    private final List<ByteBuf> handedOut = new ArrayList<>();
    private final ByteBufAllocator alloc = new AbstractByteBufAllocator(true) {
        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            throw new AssertionError("answers are direct buffers");
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf buffer = Unpooled.directBuffer(initialCapacity, maxCapacity);
            handedOut.add(buffer);
            return buffer;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    };

    /** An answer may wait in a TCP connection's send queue: it holds what it needs, not the whole buffer. */
    @Test
    void anAnswerKeepsABufferOfItsOwnSizeForTheSend() {
        ByteBuf answer = Answers.forStream(alloc, 2048, out -> {
            out.putInt(42);
            return 4;
        });
        assertEquals(4, answer.readableBytes());
        assertEquals(42, answer.getInt(0));
        assertEquals(4, answer.capacity());
        assertEquals(1, answer.refCnt());
        answer.release();
    }

    @Test
    void noAnswerReleasesTheBuffer() {
        assertNull(Answers.forStream(alloc, 64, out -> 0));
        assertEquals(0, handedOut.get(0).refCnt());
    }

    @Test
    void aWriterThatThrowsReleasesTheBuffer() {
        assertThrows(BufferOverflowException.class, () -> Answers.forStream(alloc, 4, out -> {
            out.putLong(1);
            return 8;
        }));
        assertEquals(0, handedOut.get(0).refCnt());
    }
}
