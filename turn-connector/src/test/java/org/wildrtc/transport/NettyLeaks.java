package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Netty's buffer leak detection at PARANOID (every buffer tracked) for one test, and what it reports.
 * Netty logs through java.util.logging here (no other logging library is on the test class path).
 */
final class NettyLeaks implements AutoCloseable {
    private final Logger detectorLog = Logger.getLogger(ResourceLeakDetector.class.getName());
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().startsWith("LEAK")) {
                reports.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
            // kept in memory
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private NettyLeaks() {
        detectorLog.addHandler(collector);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /** Starts tracking every buffer allocated from now on. */
    static NettyLeaks watch() {
        return new NettyLeaks();
    }

    /**
     * Collects the garbage, so every buffer dropped without a release is found, and asserts none was.
     * The detector reports what the collector found when it tracks the next buffer.
     */
    void assertNoLeaks() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
        }
        assertEquals(List.of(), reports, "Netty found buffers that were never released");
    }

    @Override
    public void close() {
        ResourceLeakDetector.setLevel(before);
        detectorLog.removeHandler(collector);
    }
}
