package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.XorAddress;

/**
 * Connect (RFC 6062 §5.2): the server opens a TCP connection from the relayed address to the peer;
 * the answer (with CONNECTION-ID, or 446/447/508) goes out when the connection is made or has failed.
 */
final class ConnectHandler {
    private final PeerCheck peerCheck;
    private final TcpPeers tcpPeers;

    ConnectHandler(PeerCheck peerCheck, TcpPeers tcpPeers) {
        this.peerCheck = peerCheck;
        this.tcpPeers = tcpPeers;
    }

    int handle(Exchange x, Allocation allocation) {
        Optional<InetSocketAddress> peer = XorAddress.read(x.request, AttributeType.XOR_PEER_ADDRESS);
        if (!allocation.isTcp() || peer.isEmpty()) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        ErrorCode refusal = peerCheck.refuse(allocation, peer.get());
        if (refusal != null) {
            return x.fail(refusal);
        }
        tcpPeers.connect(allocation, peer.get(), id -> tcpPeers.answerLater(out -> {
            Exchange later = x.answeringInto(out);
            if (id == TcpPeers.EXISTS) {
                return later.fail(ErrorCode.CONNECTION_ALREADY_EXISTS);
            }
            if (id == TcpPeers.FAILED) {
                return later.fail(ErrorCode.CONNECTION_TIMEOUT_OR_FAILURE);
            }
            if (id == TcpPeers.BUSY) {
                return later.fail(ErrorCode.INSUFFICIENT_CAPACITY);
            }
            return later.finish(later.success().int32(AttributeType.CONNECTION_ID, (int) id));
        }));
        return 0;
    }
}
