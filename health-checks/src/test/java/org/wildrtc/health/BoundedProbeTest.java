package org.wildrtc.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedProbeTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void aProbeThatAnswersGivesItsFinding() {
        assertNull(new BoundedProbe(executor, () -> null, TimeUnit.SECONDS.toNanos(30), System::nanoTime).check());
        assertEquals("refused", new BoundedProbe(executor, () -> "refused", TimeUnit.SECONDS.toNanos(30),
                System::nanoTime).check());
    }

    @Test
    void aProbeThatThrowsSaysWhat() {
        String found = new BoundedProbe(executor, () -> {
            throw new java.sql.SQLException("Connection refused");
        }, TimeUnit.SECONDS.toNanos(30), System::nanoTime).check();
        assertTrue(found.contains("Connection refused"), found);
    }

    @Test
    void aHungProbeIsReportedAfterTheBoundAndNotStartedAgainWhileItHangs() throws Exception {
        BoundedProbe probe = new BoundedProbe(executor, () -> {
            started.incrementAndGet();
            release.await();
            return null;
        }, TimeUnit.MILLISECONDS.toNanos(50), System::nanoTime);

        assertTrue(probe.check().startsWith("no answer for "));
        assertTrue(probe.check().startsWith("no answer for "));
        release.countDown();
        executor.shutdown();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1, started.get());
    }
}
