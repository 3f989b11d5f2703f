package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import java.nio.BufferOverflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A UDP listener's answers share pooled blocks, and every block goes back to the pool once its answers are sent. */
@ExtendWith(ParanoidLeakDetection.class)
class AnswerBlockTest {
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final AnswerBlock answers = new AnswerBlock();

    @Test
    void answersFollowOneAnotherInOneBlock() {
        ByteBuf first = answers.write(alloc, 2048, out -> {
            out.putInt(1);
            return 4;
        });
        ByteBuf second = answers.write(alloc, 2048, out -> {
            out.putLong(2);
            return 8;
        });
        assertEquals(1, alloc.handedOut().size());
        assertEquals(4, first.readableBytes());
        assertEquals(1, first.getInt(0));
        assertEquals(8, second.readableBytes());
        assertEquals(2, second.getLong(0));
        assertEquals(first.memoryAddress() + 4, second.memoryAddress());
        first.release();
        second.release();
        answers.release();
        alloc.assertAllReleased();
    }

    @Test
    void aBlockStaysUntilItsLastAnswerIsSent() {
        ByteBuf answer = answers.write(alloc, 2048, out -> {
            out.putInt(7);
            return 4;
        });
        answers.release();
        assertEquals(7, answer.getInt(0));
        answer.release();
        alloc.assertAllReleased();
    }

    @Test
    void aFullBlockIsReplacedAndGoesBackWhenItsAnswersAreSent() {
        int size = AnswerBlock.BLOCK_BYTES / 2;
        ByteBuf first = answers.write(alloc, size, out -> size);
        ByteBuf second = answers.write(alloc, size + 1, out -> 1);
        assertEquals(2, alloc.handedOut().size());
        first.release();
        assertEquals(0, alloc.handedOut().get(0).refCnt());
        second.release();
        answers.release();
        alloc.assertAllReleased();
    }

    @Test
    void noAnswerAndAWriterThatThrowsTakeNothing() {
        assertNull(answers.write(alloc, 2048, out -> 0));
        assertThrows(BufferOverflowException.class, () -> answers.write(alloc, 4, out -> {
            out.putLong(1);
            return 8;
        }));
        ByteBuf answer = answers.write(alloc, 2048, out -> {
            out.putInt(3);
            return 4;
        });
        assertEquals(3, answer.getInt(0));
        assertEquals(1, alloc.handedOut().size());
        answer.release();
        answers.release();
        alloc.assertAllReleased();
    }
}
