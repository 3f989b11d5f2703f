package org.wildrtc.turn;

import java.util.concurrent.TimeUnit;

/**
 * Counts an allocation's relayed traffic and enforces its bandwidth quota with a token bucket
 * (one second of burst). Confined to the allocation's event loop.
 */
public final class TrafficMeter {
    private final long bytesPerSecond;
    private long tokens;
    private long lastRefillNanos;

    /** @param bytesPerSecond the quota in both directions together; 0 means unlimited */
    TrafficMeter(long bytesPerSecond, long nowNanos) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.lastRefillNanos = nowNanos;
    }

    /** True when {@code bytes} may be relayed now; false means drop the datagram (quota exceeded). */
    public boolean admit(int bytes, long nowNanos) {
        if (bytesPerSecond == 0) {
            return true;
        }
        // Clamped to one second of refill, which also keeps the product below overflow.
        long elapsed = Math.min(nowNanos - lastRefillNanos, TimeUnit.SECONDS.toNanos(1));
        if (elapsed > 0) {
            long refill = elapsed * bytesPerSecond / TimeUnit.SECONDS.toNanos(1);
            if (refill > 0) {
                tokens = Math.min(bytesPerSecond, tokens + refill);
                lastRefillNanos = nowNanos;
            }
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
