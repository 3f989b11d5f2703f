package org.wildrtc.signaling;

/**
 * A token bucket: a rate on average, and a burst up to the bucket's capacity. Not thread-safe: its
 * owner serialises the calls (a member's bucket is used under its room's lock).
 */
final class RateLimit {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A browser sends its offer and a burst of ICE candidates at once. */
    private static final int MESSAGE_BURST_SECONDS = 5;
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    private RateLimit(double perNano, double capacity, long nowNanos) {
        this.perNano = perNano;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** {@code perSecond} messages a second, bursts of five seconds' worth; 0 for no limit. */
    static RateLimit messages(int perSecond, long nowNanos) {
        return new RateLimit((double) perSecond / NANOS_PER_SECOND, (double) perSecond * MESSAGE_BURST_SECONDS, nowNanos);
    }

    /** {@code perMinute} a minute, bursts of a minute's worth: full again after a minute unused; 0 for no limit. */
    static RateLimit perMinute(int perMinute, long nowNanos) {
        return new RateLimit((double) perMinute / (60 * NANOS_PER_SECOND), perMinute, nowNanos);
    }

    boolean tryAcquire(long nowNanos) {
        if (capacity == 0) {
            return true;
        }
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
