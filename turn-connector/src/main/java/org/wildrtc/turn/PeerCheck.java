package org.wildrtc.turn;

import java.net.InetSocketAddress;
import org.jboss.logging.Logger;
import org.wildrtc.stun.ErrorCode;

/** The checks every peer address in CreatePermission and ChannelBind passes (RFC 8656 §9.1, §11.2). */
final class PeerCheck {
    private static final Logger LOG = Logger.getLogger(PeerCheck.class);

    private final PeerPolicy policy;
    private final TurnStats stats;

    PeerCheck(PeerPolicy policy, TurnStats stats) {
        this.policy = policy;
        this.stats = stats;
    }

    /** Null when the peer may be used, else the error to answer with. */
    ErrorCode refuse(Allocation allocation, InetSocketAddress peer) {
        if (allocation.relayFor(peer.getAddress()) == null) {
            return ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH;
        }
        if (!policy.permits(peer)) {
            stats.peerDenied();
            LOG.debugf("Refused peer %s for %s: the peer policy denies it", peer, allocation.client());
            return ErrorCode.FORBIDDEN;
        }
        return null;
    }
}
