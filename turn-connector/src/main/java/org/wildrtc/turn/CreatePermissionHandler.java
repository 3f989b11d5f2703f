package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.XorAddress;

/** CreatePermission (RFC 8656 §9.2): lets the listed peers' IP addresses send to the relay. All or nothing. */
final class CreatePermissionHandler {
    private final PeerCheck peerCheck;
    private final PermissionCap cap;

    CreatePermissionHandler(PeerCheck peerCheck, PermissionCap cap) {
        this.peerCheck = peerCheck;
        this.cap = cap;
    }

    int handle(Exchange x, Allocation allocation) {
        List<Optional<InetSocketAddress>> peers = XorAddress.readAll(x.request, AttributeType.XOR_PEER_ADDRESS);
        if (peers.isEmpty() || peers.stream().anyMatch(Optional::isEmpty)) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        for (Optional<InetSocketAddress> peer : peers) {
            ErrorCode refusal = peerCheck.refuse(allocation, peer.get());
            if (refusal != null) {
                return x.fail(refusal);
            }
        }
        ErrorCode full = cap.refuse(allocation, peers.stream().map(peer -> peer.get().getAddress()).toList());
        if (full != null) {
            return x.fail(full);
        }
        peers.forEach(peer -> allocation.permit(peer.get().getAddress(), x.nowNanos));
        return x.finish(x.success());
    }
}
