package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak checks the fuzz tests rely on do fail when a buffer leaks. */
@ExtendWith(ParanoidLeakDetection.class)
class LeakChecksTest {

    @Test
    void aBufferStillReferencedFailsTheAllocatorCheck() {
        TrackingAllocator allocator = new TrackingAllocator();
        allocator.heapBuffer(8).release();
        allocator.assertAllReleased();

        ByteBuf leaked = allocator.directBuffer(8);
        assertThrows(AssertionError.class, allocator::assertAllReleased);
        leaked.release();
    }

    @Test
    void aBufferCollectedUnreleasedIsReportedByNetty() throws InterruptedException {
        allocateAndDrop();
        assertReportedForThisClass();
    }

    @Test
    void aBufferDroppedWhileATestWatchesFailsItsCheck() throws InterruptedException {
        try (NettyLeaks leaks = NettyLeaks.watch()) {
            allocateAndDrop();
            AssertionFailedError failed = assertThrows(AssertionFailedError.class, leaks::assertNoLeaks);
            assertTrue(failed.getMessage().contains("allocateAndDrop"), failed.getMessage());
        }
    }

    /** Netty reports a leak when the collector finds it, often while a later test watches: it is not that test's. */
    @Test
    void aBufferDroppedBeforeATestWatchesIsNotThatTestsLeak() throws InterruptedException {
        allocateAndDrop();
        try (NettyLeaks later = NettyLeaks.watch()) {
            later.assertNoLeaks();
        }
        assertReportedForThisClass();
    }

    /** Waits for Netty to report the buffer {@link #allocateAndDrop} dropped, as allocated under this class's check. */
    private static void assertReportedForThisClass() throws InterruptedException {
        List<String> leaks = List.of();
        for (int attempt = 0; attempt < 100 && leaks.isEmpty(); attempt++) {
            RecordingLeakDetector.collect();
            leaks = RecordingLeakDetector.takeLeaks(ParanoidLeakDetection.checkOf(LeakChecksTest.class));
            Thread.sleep(10);
        }
        assertTrue(leaks.stream().anyMatch(leak -> leak.contains("allocateAndDrop")),
                "Netty did not report the dropped buffer: " + leaks);
    }

    /** Netty logs the leaks it finds here: those LEAK lines in the test output are this class's. */
    private static void allocateAndDrop() {
        PooledByteBufAllocator.DEFAULT.directBuffer(64).writeLong(1);
    }
}
