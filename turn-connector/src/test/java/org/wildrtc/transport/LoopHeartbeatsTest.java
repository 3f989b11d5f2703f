package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The beats health checks read: a loop stuck in a task is wedged until the task returns. */
class LoopHeartbeatsTest {
    @Test
    void aLoopStuckInATaskIsWedgedUntilTheTaskReturns() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        CountDownLatch release = new CountDownLatch(1);
        try {
            LoopHeartbeats beats = LoopHeartbeats.start(group);
            assertEquals(2, beats.loops());
            assertEquals(0, beats.wedged(System.nanoTime()));
            group.next().execute(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(within(15, () -> beats.wedged(System.nanoTime()) == 1), "the blocked loop is seen as wedged");
            release.countDown();
            assertTrue(within(5, () -> beats.wedged(System.nanoTime()) == 0), "it beats again once the task returned");
        } finally {
            release.countDown();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static boolean within(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
