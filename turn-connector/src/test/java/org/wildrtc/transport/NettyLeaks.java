package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty's buffer leak detection at PARANOID (every buffer tracked) for one test, and what it reports of
 * the buffers allocated while it watched. Netty reports a leak whenever the garbage collector finds it,
 * often during a later test: leaks of buffers allocated before are not this test's
 * ({@link RecordingLeakDetector} marks each buffer with the check that watched its allocation).
 */
final class NettyLeaks implements AutoCloseable {
    private static final AtomicInteger CHECKS = new AtomicInteger();

    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final String check;
    private final String outer;

    private NettyLeaks(String check) {
        this.check = check;
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        outer = RecordingLeakDetector.watch(check);
    }

    /** Starts tracking every buffer allocated from now on, as the calling test's. */
    static NettyLeaks watch() {
        RecordingLeakDetector.assertInstalled();
        StackWalker.StackFrame test = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow();
        return new NettyLeaks("allocated while leak check " + CHECKS.incrementAndGet() + " of "
                + test.getClassName().substring(test.getClassName().lastIndexOf('.') + 1) + "."
                + test.getMethodName() + " watched");
    }

    /**
     * Collects the garbage, so every buffer dropped without a release is found, and asserts none of this
     * check's was. The detector reports what the collector found when it tracks the next buffer.
     */
    void assertNoLeaks() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
        }
        assertEquals(List.of(), RecordingLeakDetector.takeLeaks(check), "Netty found buffers that were never released");
    }

    @Override
    public void close() {
        RecordingLeakDetector.watch(outer);
        ResourceLeakDetector.setLevel(before);
    }
}
