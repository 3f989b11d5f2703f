package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak checks the fuzz tests rely on do fail when a buffer leaks. */
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
        assertTrue(RecordingLeakDetector.installed(), "surefire runs the tests with RecordingLeakDetector at PARANOID");
        RecordingLeakDetector.takeLeaks();
        allocateAndDrop();
        List<String> leaks = List.of();
        for (int attempt = 0; attempt < 100 && leaks.isEmpty(); attempt++) {
            RecordingLeakDetector.collect();
            leaks = RecordingLeakDetector.takeLeaks();
            Thread.sleep(10);
        }
        assertTrue(leaks.stream().anyMatch(leak -> leak.contains("allocateAndDrop")),
                "Netty did not report the dropped buffer: " + leaks);
    }

    private static void allocateAndDrop() {
        PooledByteBufAllocator.DEFAULT.directBuffer(64).writeLong(1);
    }
}
