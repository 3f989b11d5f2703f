package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AuthFailureLogTest {
    private static final long NOW = 1_700_000_000L;

    @Test
    void aSourceIsLoggedAtMostOnceAMinute() throws Exception {
        AuthFailureLog log = new AuthFailureLog();
        InetAddress source = InetAddress.getByName("203.0.113.5");
        assertTrue(log.shouldLog(source, NOW));
        assertFalse(log.shouldLog(source, NOW + 1));
        assertFalse(log.shouldLog(source, NOW + 59));
        assertTrue(log.shouldLog(InetAddress.getByName("203.0.113.6"), NOW + 59), "another source has its own minute");
        assertTrue(log.shouldLog(source, NOW + 60));
        assertFalse(log.shouldLog(source, NOW + 119), "a suppressed failure does not restart the minute");
        assertTrue(log.shouldLog(source, NOW + 120));
    }

    @Test
    void aUsernameShowsItsExpiryAndAShortPrefixOnly() {
        assertEquals("1733250000:al…", AuthFailureLog.shown("1733250000:alice@example.org"));
        assertEquals("al…", AuthFailureLog.shown("alice"));
        assertEquals("bo", AuthFailureLog.shown("bo"));
        assertEquals("no…", AuthFailureLog.shown("notanexpiry:bob"));
        assertEquals("(none)", AuthFailureLog.shown(null));
    }
}
