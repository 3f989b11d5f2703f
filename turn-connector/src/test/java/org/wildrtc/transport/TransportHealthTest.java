package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What health checks read from the transport: open listeners, and event loops that still beat. */
class TransportHealthTest {
    private ExecutorService threads;
    private TurnTransport transport;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = TestTransports.start(TestTransports::config, threads);
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        threads.shutdownNow();
    }

    @Test
    void aLoopStuckInATaskIsWedgedUntilTheTaskReturns() throws Exception {
        assertEquals(List.of(), transport.closedListeners());
        assertEquals(0, transport.wedgedEventLoops());
        CountDownLatch release = new CountDownLatch(1);
        EventExecutor loop = transport.eventLoops().next();
        loop.execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(within(15, () -> transport.wedgedEventLoops() == 1), "the blocked loop is seen as wedged");
        } finally {
            release.countDown();
        }
        assertTrue(within(5, () -> transport.wedgedEventLoops() == 0), "it beats again once the task returned");
    }

    @Test
    void closedListenersAreNamed() {
        TurnTransport closedTransport = transport;
        transport = null;
        closedTransport.close();
        List<String> closed = closedTransport.closedListeners();
        assertTrue(closed.stream().anyMatch(listener -> listener.startsWith("udp ")), closed.toString());
        assertTrue(closed.stream().anyMatch(listener -> listener.startsWith("tcp ")), closed.toString());
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
