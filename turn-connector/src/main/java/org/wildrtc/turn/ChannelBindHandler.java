package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.XorAddress;

/** ChannelBind (RFC 8656 §11.2): binds a channel number to a peer, or refreshes the binding. */
final class ChannelBindHandler {
    private static final Logger LOG = Logger.getLogger(ChannelBindHandler.class);
    private final PeerCheck peerCheck;
    private final PermissionCap cap;

    ChannelBindHandler(PeerCheck peerCheck, PermissionCap cap) {
        this.peerCheck = peerCheck;
        this.cap = cap;
    }

    int handle(Exchange x, Allocation allocation) {
        int number;
        try {
            number = ChannelNumber.read(x.request);
        } catch (MalformedAttribute e) {
            LOG.debugf("ChannelBind from %s: %s", x.client, e.getMessage());
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        Optional<InetSocketAddress> peer = XorAddress.read(x.request, AttributeType.XOR_PEER_ADDRESS);
        // RFC 6062 §5: a TCP allocation reaches peers through connections, never through channels.
        if (peer.isEmpty() || allocation.isTcp()) {
            LOG.debugf("ChannelBind from %s: its peer is invalid or its allocation a TCP one", x.client);
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        ErrorCode refusal = peerCheck.refuse(allocation, peer.get());
        if (refusal == null) {
            // RFC 8656 §11.2: a binding installs a permission for the peer's address too.
            refusal = cap.refuse(allocation, List.of(peer.get().getAddress()));
        }
        if (refusal != null) {
            return x.fail(refusal);
        }
        if (!allocation.bind(number, peer.get(), x.nowNanos)) {
            LOG.debugf("ChannelBind from %s: channel 0x%x or peer %s is bound to another", x.client, number, peer.get());
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        return x.finish(x.success());
    }
}
