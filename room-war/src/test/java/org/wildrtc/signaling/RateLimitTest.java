package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    /** {@code count} acquisitions at {@code nowNanos} succeed, and the next one fails. */
    private static void exactlyAllowed(RateLimit limit, int count, long nowNanos) {
        for (int i = 0; i < count; i++) {
            assertTrue(limit.tryAcquire(nowNanos), "acquisition " + i + " at " + nowNanos + " ns");
        }
        assertFalse(limit.tryAcquire(nowNanos), "one more at " + nowNanos + " ns");
    }

    @Test
    void allowsABurstOfFiveSecondsThenTheRate() {
        RateLimit limit = RateLimit.messages(10, 0);
        exactlyAllowed(limit, 50, 0);
        exactlyAllowed(limit, 1, SECOND / 10);
    }

    @Test
    void refillsNoMoreThanTheBurst() {
        RateLimit limit = RateLimit.messages(10, 0);
        exactlyAllowed(limit, 50, 0);
        exactlyAllowed(limit, 50, 3600 * SECOND);
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimit limit = RateLimit.messages(0, 0);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(limit.tryAcquire(0));
        }
    }

    @Test
    void aPerMinuteLimitAllowsAMinutesWorthAtOnceAndIsFullAgainAfterAMinute() {
        RateLimit limit = RateLimit.perMinute(120, 0);
        exactlyAllowed(limit, 120, 0);
        exactlyAllowed(limit, 2, SECOND + SECOND / 10); // two a second come back
        exactlyAllowed(limit, 120, 61 * SECOND);
    }
}
