package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Event loops on plain threads, as the container's are, recycle Netty's per-packet objects (slices,
 * outbound entries) once the executor registers the threads for Netty's thread locals.
 */
class FastThreadLocalExecutorTest {
    @Test
    void loopsOnPlainThreadsRecycleNettysPerPacketObjects() throws Exception {
        // As the connector runs (TurnTransport.leakDetectionOffUnlessAsked): leak detection, which other
        // tests of this JVM turn on, wraps every slice in a new tracking object.
        ResourceLeakDetector.Level leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        ExecutorService plainThreads = Executors.newCachedThreadPool();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new FastThreadLocalExecutor(plainThreads),
                NioIoHandler.newFactory());
        try {
            for (EventExecutor loop : group) {
                assertFalse(loop.submit(() -> Thread.currentThread() instanceof FastThreadLocalThread)
                        .get(5, TimeUnit.SECONDS));
                assertTrue(loop.submit(FastThreadLocalExecutorTest::aReleasedSliceComesBack).get(5, TimeUnit.SECONDS),
                        "a released slice is reused for the next one");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            plainThreads.shutdownNow();
            ResourceLeakDetector.setLevel(leakDetection);
        }
    }

    /**
     * Netty keeps only some of the objects it could recycle (io.netty.recycler.ratio), so one
     * released slice need not come back; over a few rounds one must. On a thread Netty does not
     * recycle on, none ever does.
     */
    private static boolean aReleasedSliceComesBack() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
        try {
            ByteBuf previous = null;
            for (int round = 0; round < 64; round++) {
                ByteBuf slice = buffer.retainedSlice(0, 100);
                slice.release();
                if (slice == previous) {
                    return true;
                }
                previous = slice;
            }
            return false;
        } finally {
            buffer.release();
        }
    }
}
