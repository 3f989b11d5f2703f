package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Peer data on a relay (RFC 8656 §10.3, §12.6): to the client as ChannelData or a Data indication, or dropped. */
class PeerDataTest {
    private static final long NOW = 1_000_000_000_000L;
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.5", 40000);
    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.77", 6000);

    private final TurnStats stats = new TurnStats();
    private final Allocation allocation = new Allocation(CLIENT, "alice", ClientTransport.UDP, new byte[12],
            new TrafficMeter(100, NOW), NOW, NOW + TimeUnit.SECONDS.toNanos(600), stats);
    private boolean clientReading = true;
    private final PeerData peerData = new PeerData(allocation, stats, () -> clientReading);

    PeerDataTest() {
        allocation.relay(new FakeRelayPorts.FakeRelay(new InetSocketAddress("198.51.100.1", 50000)), false);
    }

    @Test
    void dataFromAPeerWithoutAPermissionIsDropped() {
        assertEquals(PeerData.DROP, peerData.route(PEER, 10, NOW));
        assertEquals(1, stats.snapshot().packetsDropped());
        assertEquals(0, stats.snapshot().packetsRelayed());
    }

    @Test
    void aPermittedPeerReachesTheClientAsADataIndicationOrOnItsBoundChannel() {
        allocation.permit(PEER.getAddress(), NOW);
        assertEquals(PeerData.DATA_INDICATION, peerData.route(PEER, 10, NOW));
        allocation.bind(0x4001, PEER, NOW);
        assertEquals(0x4001, peerData.route(PEER, 10, NOW));
        // A permission covers the address, any port; a channel one address and port.
        assertEquals(PeerData.DATA_INDICATION, peerData.route(new InetSocketAddress(PEER.getAddress(), 6001), 10, NOW));
        assertEquals(3, stats.snapshot().packetsRelayed());
        assertEquals(30, stats.snapshot().relayedBytes().get(TurnStats.TO_CLIENT));
        assertEquals(0, stats.snapshot().relayedBytes().get(TurnStats.TO_PEER));
        assertEquals(30, allocation.bytesToClient(), "counted for the allocation too");
    }

    @Test
    void dataForAClientThatStoppedReadingIsDroppedAndCounted() {
        allocation.permit(PEER.getAddress(), NOW);
        clientReading = false;
        assertEquals(PeerData.DROP, peerData.route(PEER, 10, NOW));
        assertEquals(1L, stats.snapshot().refused().get(Refusal.CLIENT_NOT_READING.key()));
        clientReading = true;
        assertEquals(PeerData.DATA_INDICATION, peerData.route(PEER, 10, NOW));
    }

    @Test
    void dataOverTheBandwidthQuotaIsDropped() {
        allocation.permit(PEER.getAddress(), NOW);
        assertEquals(PeerData.DATA_INDICATION, peerData.route(PEER, 100, NOW));
        assertEquals(PeerData.DROP, peerData.route(PEER, 1, NOW));
        assertEquals(1, stats.snapshot().packetsDropped());
    }
}
