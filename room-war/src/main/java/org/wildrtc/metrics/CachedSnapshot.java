package org.wildrtc.metrics;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The last value a source gave, handed out again until it is {@code maxAgeNanos} old: one scrape
 * reads dozens of meters, and they all read one snapshot instead of asking the source each.
 */
final class CachedSnapshot<T> implements Supplier<T> {
    private final Supplier<T> source;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private T value;
    private long takenAt;
    private boolean taken;

    CachedSnapshot(Supplier<T> source, long maxAgeNanos, LongSupplier nanoClock) {
        this.source = source;
        this.maxAgeNanos = maxAgeNanos;
        this.nanoClock = nanoClock;
    }

    /** The cached value, or a new one from the source when none is cached or it has aged out. */
    @Override
    public synchronized T get() {
        long now = nanoClock.getAsLong();
        if (!taken || now - takenAt >= maxAgeNanos) {
            value = source.get();
            takenAt = now;
            taken = true;
        }
        return value;
    }
}
