package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstOfFiveSecondsThenTheRate() {
        RateLimit limit = RateLimit.messages(10, 0);
        for (int i = 0; i < 50; i++) {
            assertTrue(limit.tryAcquire(0), "message " + i + " of the burst");
        }
        assertFalse(limit.tryAcquire(0));
        assertTrue(limit.tryAcquire(SECOND / 10));
        assertFalse(limit.tryAcquire(SECOND / 10));
    }

    @Test
    void refillsNoMoreThanTheBurst() {
        RateLimit limit = RateLimit.messages(10, 0);
        for (int i = 0; i < 50; i++) {
            limit.tryAcquire(0);
        }
        long later = 3600 * SECOND;
        for (int i = 0; i < 50; i++) {
            assertTrue(limit.tryAcquire(later));
        }
        assertFalse(limit.tryAcquire(later));
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
        for (int i = 0; i < 120; i++) {
            assertTrue(limit.tryAcquire(0), "join " + i + " of the burst");
        }
        assertFalse(limit.tryAcquire(0));
        long later = SECOND + SECOND / 10;
        assertTrue(limit.tryAcquire(later), "two a second come back");
        assertTrue(limit.tryAcquire(later));
        assertFalse(limit.tryAcquire(later));
        for (int i = 0; i < 120; i++) {
            assertTrue(limit.tryAcquire(61 * SECOND));
        }
        assertFalse(limit.tryAcquire(61 * SECOND));
    }
}
