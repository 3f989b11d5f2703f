package org.wildrtc.transport;

import java.net.InetSocketAddress;

/**
 * What the transport listens on.
 *
 * @param udpListener      the STUN/TURN UDP address (RFC 8656 §3: 3478 by default)
 * @param eventLoopThreads how many Netty event loops serve the sockets
 * @param software         the SOFTWARE attribute sent in responses
 */
public record TransportConfig(InetSocketAddress udpListener, int eventLoopThreads, String software) {

    public TransportConfig {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be at least 1, not " + eventLoopThreads);
        }
    }
}
