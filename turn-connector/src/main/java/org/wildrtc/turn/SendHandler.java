package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.RawAttribute;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.XorAddress;

/**
 * Send indications (RFC 8656 §10.2): data from the client to a permitted peer. Indications get no
 * answer; whatever is wrong with one makes it silently dropped.
 */
final class SendHandler {
    private final TurnStats stats;
    private final PeerPolicy policy;

    SendHandler(TurnStats stats, PeerPolicy policy) {
        this.stats = stats;
        this.policy = policy;
    }

    void handle(StunMessage indication, Allocation allocation, long nowNanos) {
        Optional<InetSocketAddress> peer = XorAddress.read(indication, AttributeType.XOR_PEER_ADDRESS);
        Optional<RawAttribute> data = indication.attribute(AttributeType.DATA);
        // A permission covers an IP address, any port; on the server's own addresses only relay ports are
        // open, so those are checked per message.
        if (peer.isEmpty() || data.isEmpty() || !allocation.hasPermission(peer.get().getAddress(), nowNanos)) {
            stats.dropped();
            return;
        }
        if (policy.isServerAddress(peer.get().getAddress()) && !policy.permits(peer.get())) {
            stats.peerDenied();
            stats.dropped();
            return;
        }
        if (!allocation.meter().admit(data.get().length(), nowNanos)) {
            stats.dropped();
            return;
        }
        // A permission exists only for a peer of one of the relays' families (PeerCheck), so one fits.
        Relay relay = allocation.relayFor(peer.get().getAddress());
        // RFC 8656 §10.2: DONT-FRAGMENT asks for DF on the datagram; it stays set for the relay's later ones.
        if (indication.has(AttributeType.DONT_FRAGMENT)) {
            relay.dontFragment();
        }
        relay.send(peer.get(), ByteBuffer.wrap(indication.value(data.get())));
        stats.relayedToPeer(allocation, data.get().length());
    }
}
