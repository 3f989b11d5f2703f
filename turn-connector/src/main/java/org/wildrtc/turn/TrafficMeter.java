package org.wildrtc.turn;

import java.util.concurrent.TimeUnit;

/**
 * Counts an allocation's relayed traffic and enforces its bandwidth quota with a token bucket
 * (one second of burst). Datagrams are admitted or dropped; stream bytes (RFC 6062 pipes), which
 * cannot be dropped, are charged and pause their reader. An allocation's pipes run on several event
 * loops (a data connection lands on any), so the bucket takes a lock; an unlimited one takes none.
 */
public final class TrafficMeter {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

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
        synchronized (this) {
            refill(nowNanos);
            if (tokens < bytes) {
                return false;
            }
            tokens -= bytes;
            return true;
        }
    }

    /**
     * Charges {@code bytes} already relayed on a stream, into debt if need be, and returns how long its
     * reader must pause for the debt to be paid off (0: no need).
     */
    public long charge(int bytes, long nowNanos) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        synchronized (this) {
            refill(nowNanos);
            tokens -= bytes;
            return tokens >= 0 ? 0 : (-tokens * NANOS_PER_SECOND + bytesPerSecond - 1) / bytesPerSecond;
        }
    }

    /** How long a paused reader must still wait (0: it may read again). */
    public long debtNanos(long nowNanos) {
        return charge(0, nowNanos);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed <= 0) {
            return;
        }
        // In floating point: a long idle time times a large quota would overflow a long.
        double refill = elapsed * (double) bytesPerSecond / NANOS_PER_SECOND;
        if (refill >= 1) {
            tokens = (long) Math.min(bytesPerSecond, tokens + refill);
            lastRefillNanos = nowNanos;
        }
    }
}
