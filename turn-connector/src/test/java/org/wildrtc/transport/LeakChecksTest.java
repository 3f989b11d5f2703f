package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
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
        List<String> leaks = List.of();
        for (int attempt = 0; attempt < 100 && leaks.isEmpty(); attempt++) {
            RecordingLeakDetector.collect();
            leaks = RecordingLeakDetector.takeLeaks();
            Thread.sleep(10);
        }
        assertTrue(leaks.stream().anyMatch(leak -> leak.contains("allocateAndDrop")),
                "Netty did not report the dropped buffer: " + leaks);
    }

    /** Netty logs the leak it finds here: that LEAK line in the test output is this test's. */
    private static void allocateAndDrop() {
        PooledByteBufAllocator.DEFAULT.directBuffer(64).writeLong(1);
    }
}
