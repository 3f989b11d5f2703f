package org.wildrtc.signaling;

/**
 * A token bucket per socket: {@code perSecond} messages a second on average, bursts of five
 * seconds' worth (a browser sends its offer and a burst of ICE candidates at once). Not thread-safe:
 * one socket's messages arrive one at a time.
 */
final class RateLimit {
    private static final int BURST_SECONDS = 5;
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    /** @param perSecond 0 for no limit */
    RateLimit(int perSecond, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = (double) perSecond * BURST_SECONDS;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
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
