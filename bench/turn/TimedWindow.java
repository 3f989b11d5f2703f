import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rate of a load's counter over a window that starts after an untimed warm-up, in which this
 * JVM's JIT compiles the load generator's own paths: a cold client spent the first part of a short
 * run interpreted, and how long varied from one JVM to the next.
 */
final class TimedWindow {
    /** The load runs this long past the window, so the window never sees it winding down. */
    static final long TAIL_SECONDS = 1;

    private TimedWindow() {
    }

    /** When a load that started now, measured by {@link #rate}, should stop. */
    static long deadline(long warmupSeconds, long seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds + seconds + TAIL_SECONDS);
    }

    /** Waits out the warm-up, then returns how fast the counter grew over the next seconds, per second. */
    static double rate(LongAdder counter, long warmupSeconds, long seconds) throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        long from = counter.sum();
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long counted = counter.sum() - from;
        return counted * 1e9 / (System.nanoTime() - start);
    }
}
