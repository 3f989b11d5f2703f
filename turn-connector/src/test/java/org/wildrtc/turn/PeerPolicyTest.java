package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 8656 §21.2.3: no relaying into the server's own networks unless an admin says so. */
class PeerPolicyTest {
    private final PeerPolicy closed = new PeerPolicy(List.of(), List.of(), Set.of(address("198.51.100.1")), 49152, 65535);

    @Test
    void refusesLoopbackPrivateLinkLocalMulticastAndUnspecifiedByDefault() {
        for (String peer : List.of("127.0.0.1", "127.255.0.9", "10.0.0.1", "172.31.255.255", "192.168.100.1",
                "100.64.1.1", "169.254.169.254", "224.0.0.251", "239.1.1.1", "255.255.255.255", "0.0.0.0",
                "::1", "::", "fe80::1", "fd00::1", "fc12::3", "ff02::1")) {
            assertFalse(closed.permits(peer(peer, 5000)), peer);
        }
    }

    @Test
    void refusesIpv4MappedIpv6FormsOfDeniedAddresses() throws Exception {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        assertFalse(closed.permits(new InetSocketAddress(java.net.Inet6Address.getByAddress(null, mappedLoopback, null), 5000)));
    }

    @Test
    void opensOnlyTheRelayPortsOfTheServersOwnAddress() {
        assertFalse(closed.permits(peer("198.51.100.1", 8443)));
        assertFalse(closed.permits(peer("198.51.100.1", 49151)));
        assertTrue(closed.permits(peer("198.51.100.1", 49152)));
        assertTrue(closed.permits(peer("198.51.100.1", 65535)));
    }

    @Test
    void permitsPublicAddresses() {
        assertTrue(closed.permits(peer("1.1.1.1", 5000)));
        assertTrue(closed.permits(peer("2a00:1450::7", 5000)));
        assertTrue(closed.permits(peer("8.8.8.8", 5000)));
    }

    @Test
    void anAllowedBlockWinsAndAnExtraDeniedBlockIsRefused() {
        PeerPolicy policy = new PeerPolicy(PeerPolicy.parseList("127.0.0.1/32, 10.1.0.0/16"),
                PeerPolicy.parseList("8.8.8.0/24"), Set.of(), 49152, 65535);
        assertTrue(policy.permits(peer("127.0.0.1", 5000)));
        assertTrue(policy.permits(peer("10.1.2.3", 5000)));
        assertFalse(policy.permits(peer("10.2.0.1", 5000)));
        assertFalse(policy.permits(peer("8.8.8.8", 5000)));
    }

    @Test
    void cidrBlocksMatchOnTheirPrefix() {
        assertTrue(Cidr.parse("fe80::/10").contains(address("febf::1")));
        assertFalse(Cidr.parse("fe80::/10").contains(address("fec0::1")));
        assertTrue(Cidr.parse("100.64.0.0/10").contains(address("100.127.255.255")));
        assertFalse(Cidr.parse("100.64.0.0/10").contains(address("100.128.0.0")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(address("::a00:1")));
        assertEquals("10.0.0.1/32", Cidr.parse("10.0.0.1").toString());
    }

    @Test
    void badBlocksAreRefusedWithTheTextInTheMessage() {
        for (String bad : List.of("example.org/8", "10.0.0.0/33", "10.0.0.0/x", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") || e.getMessage().contains("prefix"), e.getMessage());
        }
    }

    private static InetSocketAddress peer(String literal, int port) {
        return new InetSocketAddress(address(literal), port);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
