package org.wildrtc.turn;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** RFC 8656 §7.2 and §8.2: the lifetime granted for a requested one. */
final class Lifetimes {
    private Lifetimes() {
    }

    /** min(requested, maximum), but never below the 600 s default; the default when none was asked for. */
    static long grantedSeconds(OptionalLong requested, Quotas quotas) {
        long wanted = requested.orElse(Quotas.DEFAULT_LIFETIME_SECONDS);
        return Math.max(Quotas.DEFAULT_LIFETIME_SECONDS, Math.min(wanted, quotas.maxLifetimeSeconds()));
    }

    static long expiry(long nowNanos, long seconds) {
        return nowNanos + TimeUnit.SECONDS.toNanos(seconds);
    }
}
