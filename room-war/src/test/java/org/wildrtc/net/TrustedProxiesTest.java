package org.wildrtc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private static final TrustedProxies LOOPBACK = TrustedProxies.parse(TrustedProxies.DEFAULT);
    private static final TrustedProxies PROXIES = TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8,2001:db8:1::/48");

    @Test
    void theDefaultTrustsLoopbackOnly() {
        assertTrue(LOOPBACK.trusts("127.0.0.1"));
        assertTrue(LOOPBACK.trusts("127.1.2.3"));
        assertTrue(LOOPBACK.trusts("::1"));
        assertTrue(LOOPBACK.trusts("0:0:0:0:0:0:0:1"));
        // an IPv4-mapped address is its IPv4 address
        assertTrue(LOOPBACK.trusts("::ffff:127.0.0.1"));
        assertFalse(LOOPBACK.trusts("192.0.2.1"));
        assertFalse(LOOPBACK.trusts("2001:db8::1"));
        assertFalse(LOOPBACK.trusts("128.0.0.1"));
    }

    @Test
    void blocksOfBothFamiliesAndBareAddressesParse() {
        assertTrue(PROXIES.trusts("10.200.0.1"));
        assertTrue(PROXIES.trusts("2001:db8:1:ffff::1"));
        assertFalse(PROXIES.trusts("2001:db8:2::1"));
        assertFalse(PROXIES.trusts("127.0.0.2"));
        assertTrue(TrustedProxies.parse("198.51.100.7").trusts("198.51.100.7"));
        assertFalse(TrustedProxies.parse("198.51.100.7").trusts("198.51.100.8"));
    }

    @Test
    void anEmptyListTrustsNobody() {
        assertFalse(TrustedProxies.parse("").trusts("127.0.0.1"));
        assertEquals("127.0.0.1", TrustedProxies.parse("").client("127.0.0.1", List.of("203.0.113.9")));
    }

    @Test
    void anythingButAddressBlocksIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("127.0.0.0/8,proxy.example.org"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/x"));
    }

    @Test
    void aSourceThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertEquals("192.0.2.1", PROXIES.client("192.0.2.1", List.of("203.0.113.9")));
        assertEquals("192.0.2.1", PROXIES.client("192.0.2.1", null));
        assertFalse(PROXIES.trusts("not an address"));
        assertFalse(PROXIES.trusts(null));
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressItForwards() {
        assertEquals("203.0.113.9", PROXIES.client("127.0.0.1", List.of("203.0.113.9")));
        assertEquals("2001:db8:9:0:0:0:0:1", PROXIES.client("127.0.0.1", List.of("2001:db8:9::1")));
        // nothing forwarded: the proxy is the client
        assertEquals("127.0.0.1", PROXIES.client("127.0.0.1", List.of()));
        assertEquals("127.0.0.1", PROXIES.client("127.0.0.1", null));
    }

    @Test
    void theClientIsTheRightmostForwardedAddressThatIsNoTrustedProxy() {
        // the client wrote the first two itself; nginx appended what connected to it, then an inner proxy its own
        assertEquals("198.51.100.20", PROXIES.client("127.0.0.1",
                List.of("192.0.2.66, 10.9.9.9, 198.51.100.20, 10.0.0.5")));
        // the same chain over several headers
        assertEquals("198.51.100.20", PROXIES.client("127.0.0.1",
                List.of("192.0.2.66, 10.9.9.9", "198.51.100.20", "10.0.0.5")));
        // every hop is a trusted proxy: the first is as far as we know
        assertEquals("10.1.1.1", PROXIES.client("127.0.0.1", List.of("10.1.1.1, 10.0.0.5")));
    }

    @Test
    void portsAndBracketsInForwardedAddressesAreDropped() {
        assertEquals("203.0.113.9", PROXIES.client("127.0.0.1", List.of("203.0.113.9:51234")));
        assertEquals("2001:db8:9:0:0:0:0:1", PROXIES.client("127.0.0.1", List.of("[2001:db8:9::1]:443")));
    }

    @Test
    void aForwardedEntryThatIsNoAddressEndsAtTheLastTrustedHop() {
        // a name, or garbage, cannot be counted: the nearest proxy we vouch for stands for it
        assertEquals("10.0.0.5", PROXIES.client("127.0.0.1", List.of("203.0.113.9, unknown, 10.0.0.5")));
        assertEquals("127.0.0.1", PROXIES.client("127.0.0.1", List.of("client.example.org")));
        assertEquals("127.0.0.1", PROXIES.client("127.0.0.1", List.of("")));
    }
}
