package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default peer policy against the IANA Special-Purpose Address Registries: one address inside
 * every block that is not globally reachable is refused, the globally reachable blocks inside them
 * are not, and an IPv6 address is judged by the IPv4 address it carries too.
 */
class SpecialPurposeAddressesTest {
    private final PeerPolicy closed = new PeerPolicy(List.of(), List.of(), Set.of(address("8.8.4.4")), 49152, 65535);

    @ParameterizedTest
    @ValueSource(strings = {"0.1.2.3", "10.9.8.7", "100.64.0.1", "127.0.0.2", "169.254.1.1", "172.16.5.4",
            "192.0.0.1", "192.0.0.8", "192.0.0.170", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1",
            "198.19.255.254", "198.51.100.1", "203.0.113.1", "224.0.0.1", "240.0.0.1", "255.255.255.255",
            "::", "::1", "64:ff9b:1::1", "100::1", "100:0:0:1::1", "2001:2::1", "2001:10::1", "2001:db8::1",
            "3fff::1", "5f00::1", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff0e::1"})
    void aBlockThatIsNotGloballyReachableIsRefused(String peer) {
        assertFalse(closed.permits(peer(peer)), peer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.0.9", "192.0.0.10", "2001:1::1", "2001:1::2", "2001:1::3", "2001:3::1",
            "2001:4:112::1", "2001:20::1", "2001:30::1", "8.8.8.8", "2a00:1450::1", "192.31.196.1", "192.52.193.1"})
    void aGloballyReachableAddressIsRelayedTo(String peer) {
        assertTrue(closed.permits(peer(peer)), peer);
    }

    /** RFC 4291 §2.5.5.1: ::a.b.c.d carries a.b.c.d in its last 32 bits. */
    @Test
    void anIpv4CompatibleAddressIsJudgedByItsIpv4Address() {
        assertFalse(closed.permits(peer("::10.0.0.1")));
        assertFalse(closed.permits(peer("::127.0.0.1")));
        assertTrue(closed.permits(peer("::8.8.8.8")));
    }

    /** RFC 6052 §2.2: the well-known NAT64 prefix carries the IPv4 address in its last 32 bits. */
    @Test
    void aNat64AddressIsJudgedByItsIpv4Address() {
        assertFalse(closed.permits(peer("64:ff9b::10.0.0.1")));
        assertFalse(closed.permits(peer("64:ff9b::169.254.169.254")));
        assertTrue(closed.permits(peer("64:ff9b::8.8.8.8")));
    }

    /** RFC 8215 with RFC 6052's /48 layout; the block is refused whatever it carries. */
    @Test
    void aLocalUseNat64AddressCarriesItsIpv4AddressAroundTheUOctet() {
        assertEquals(List.of(address("10.0.0.1")), EmbeddedIpv4.in(address("64:ff9b:1:a00:0:100::")));
        assertFalse(closed.permits(peer("64:ff9b:1:808:8:800::")), "the block itself is not globally reachable");
    }

    /** RFC 3056 §2: 2002:V4ADDR::/48. */
    @Test
    void aSixToFourAddressIsJudgedByItsIpv4Address() {
        assertFalse(closed.permits(peer("2002:c0a8:101::1")), "192.168.1.1");
        assertFalse(closed.permits(peer("2002:7f00:1::1")), "127.0.0.1");
        assertTrue(closed.permits(peer("2002:808:808::1")), "8.8.8.8");
    }

    /** RFC 4380 §4: the server in bits 32-63, the client's address inverted in the last 32. */
    @Test
    void aTeredoAddressIsJudgedByItsServerAndItsClient() {
        // server 8.8.8.8, client 10.0.0.1 (inverted: f5ff:fffe)
        assertFalse(closed.permits(peer("2001:0:808:808::f5ff:fffe")));
        // server 192.168.0.1, client 8.8.8.8 (inverted: f7f7:f7f7)
        assertFalse(closed.permits(peer("2001:0:c0a8:1::f7f7:f7f7")));
        assertTrue(closed.permits(peer("2001:0:808:808::f7f7:f7f7")));
    }

    /** An embedding of the server's own address reaches it past the relay-port rule, so it is refused. */
    @Test
    void anIpv6AddressCarryingTheServersOwnAddressIsRefused() {
        assertFalse(closed.permits(peer("2002:808:404::1")));
    }

    /** An allowed IPv4 block opens what an IPv6 address carries of it. */
    @Test
    void anAllowedIpv4BlockCoversTheAddressesThatCarryIt() {
        PeerPolicy policy = new PeerPolicy(PeerPolicy.parseList("10.0.0.0/8"), List.of(), Set.of(), 49152, 65535);
        assertTrue(policy.permits(peer("64:ff9b::10.0.0.1")));
        assertFalse(policy.permits(peer("64:ff9b::192.168.0.1")));
    }

    private static InetSocketAddress peer(String literal) {
        return new InetSocketAddress(address(literal), 5000);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
