package org.wildrtc.turn;

import java.util.OptionalLong;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;

/**
 * ConnectionBind (RFC 6062 §5.4), on a new client connection: ties it to a pending peer connection
 * of the client's allocation. After the success answer the connection carries raw peer data.
 */
final class ConnectionBindHandler {
    private final TcpPeers tcpPeers;

    ConnectionBindHandler(TcpPeers tcpPeers) {
        this.tcpPeers = tcpPeers;
    }

    int handle(Exchange x) {
        OptionalLong id = x.request.int32(AttributeType.CONNECTION_ID);
        if (!x.overStream || id.isEmpty() || !tcpPeers.bind(id.getAsLong(), x.auth().username())) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        return x.finish(x.success());
    }
}
