package org.wildrtc.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JoinRateTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final Ticker clock = now::get;

    private static void joinAll(JoinRate rate, String source, int joins) {
        for (int i = 0; i < joins; i++) {
            assertTrue(rate.allow(source), "join " + i + " from " + source);
        }
    }

    @Test
    void aSourceGetsAMinutesWorthAtOnceThenTheRate() {
        JoinRate rate = new JoinRate(60, clock);
        joinAll(rate, "198.51.100.7", 60);
        assertFalse(rate.allow("198.51.100.7"));
        now.set(SECOND + SECOND / 10);
        assertTrue(rate.allow("198.51.100.7"), "one a second comes back");
        assertFalse(rate.allow("198.51.100.7"));
    }

    @Test
    void sourcesAreCountedApart() {
        JoinRate rate = new JoinRate(10, clock);
        joinAll(rate, "198.51.100.7", 10);
        assertFalse(rate.allow("198.51.100.7"));
        joinAll(rate, "198.51.100.8", 10);
    }

    @Test
    void aSourceUnseenForAMinuteStartsAfresh() {
        JoinRate rate = new JoinRate(10, clock);
        joinAll(rate, "198.51.100.7", 10);
        now.set(61 * SECOND);
        joinAll(rate, "198.51.100.7", 10);
        assertFalse(rate.allow("198.51.100.7"));
    }

    @Test
    void anIpv6HostCannotEscapeByDrawingFreshAddressesInItsSlash64() {
        JoinRate rate = new JoinRate(10, clock);
        for (int i = 0; i < 10; i++) {
            assertTrue(rate.allow("2001:db8:1:2:" + Integer.toHexString(i) + "::1"));
        }
        assertFalse(rate.allow("2001:db8:1:2:ffff:ffff:ffff:ffff"), "the same /64");
        assertTrue(rate.allow("2001:db8:1:3::1"), "another /64");
    }

    @Test
    void sourceKeysAreTheIpv4AddressOrTheIpv6Slash64() {
        assertEquals("198.51.100.7", JoinRate.source("198.51.100.7"));
        assertEquals(JoinRate.source("2001:db8:0:1::5"), JoinRate.source("2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd"));
        assertNotEquals(JoinRate.source("2001:db8:0:1::5"), JoinRate.source("2001:db8:0:2::5"));
        assertEquals("198.51.100.7", JoinRate.source("::ffff:198.51.100.7"), "IPv4-mapped: its IPv4 address");
    }

    @Test
    void zeroMeansNoLimit() {
        JoinRate rate = new JoinRate(0, clock);
        joinAll(rate, "198.51.100.7", 10_000);
    }
}
