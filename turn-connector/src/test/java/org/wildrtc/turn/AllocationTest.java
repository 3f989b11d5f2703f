package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** What an allocation holds once one family of a dual allocation is dropped (RFC 8656 §7.2, §7.3). */
class AllocationTest {
    private static final long NOW = 1_000_000_000_000L;
    private static final InetSocketAddress IPV4_PEER = new InetSocketAddress("8.8.8.8", 6000);
    private static final InetSocketAddress IPV6_PEER = new InetSocketAddress("2a00:1450::1", 6000);

    /** Found by TurnServerFuzzTest: a Send to a peer of the dropped family threw a NullPointerException. */
    @Test
    void droppingAFamilyDropsItsPermissionsAndChannelsWithItsRelay() {
        Allocation allocation = new Allocation(new InetSocketAddress("203.0.113.5", 40000), "alice", new byte[12],
                new TrafficMeter(0, NOW), NOW + 600_000_000_000L);
        FakeRelayPorts.FakeRelay ipv4 = new FakeRelayPorts.FakeRelay(new InetSocketAddress("198.51.100.1", 50000));
        FakeRelayPorts.FakeRelay ipv6 = new FakeRelayPorts.FakeRelay(new InetSocketAddress("2001:db8::1", 50002));
        allocation.relay(ipv4, false);
        allocation.additionalRelay(ipv6);
        assertTrue(allocation.bind(0x4000, IPV4_PEER, NOW));
        assertTrue(allocation.bind(0x4001, IPV6_PEER, NOW));

        assertTrue(allocation.dropRelay(false));

        assertTrue(ipv6.closed);
        assertFalse(allocation.hasPermission(IPV6_PEER.getAddress(), NOW), "the IPv6 permission outlived its relay");
        assertEquals(null, allocation.channel(0x4001, NOW), "the IPv6 channel outlived its relay");
        assertEquals(null, allocation.channelFor(IPV6_PEER, NOW));
        assertTrue(allocation.hasPermission(IPV4_PEER.getAddress(), NOW));
        assertEquals(IPV4_PEER, allocation.channel(0x4000, NOW).peer());
        assertEquals(1, allocation.permissionCount());
        assertEquals(1, allocation.channelCount());
    }
}
