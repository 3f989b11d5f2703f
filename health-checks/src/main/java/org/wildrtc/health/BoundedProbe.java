package org.wildrtc.health;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Runs a probe that may hang (a database that stopped answering) on another thread and waits for it
 * at most a bound, so a health check answers in bounded time. At most one probe runs: while one has
 * not returned, a check reports it instead of starting another, so a hung dependency never piles up
 * threads.
 */
final class BoundedProbe {
    /** What a probe found: null when all is well, else what is wrong in words. */
    interface Probe extends Callable<String> {
    }

    private final ExecutorService executor;
    private final Probe probe;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private Future<String> running;
    private long startedAt;

    BoundedProbe(ExecutorService executor, Probe probe, long timeoutNanos, LongSupplier nanoClock) {
        this.executor = executor;
        this.probe = probe;
        this.timeoutNanos = timeoutNanos;
        this.nanoClock = nanoClock;
    }

    /** Null when the probe returned in time and found nothing wrong, else why not. */
    String check() {
        Future<String> probing;
        long since;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = executor.submit(probe);
                startedAt = nanoClock.getAsLong();
            }
            probing = running;
            since = startedAt;
        }
        long left = timeoutNanos - (nanoClock.getAsLong() - since);
        try {
            return probing.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "no answer for " + TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - since) + " ms";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting";
        }
    }
}
