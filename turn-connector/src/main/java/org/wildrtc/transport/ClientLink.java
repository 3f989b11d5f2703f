package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** How data reaches a client: through the UDP listener it talks to, or down its TCP/TLS connection. */
interface ClientLink {

    /** Queues one message (STUN or ChannelData) for {@code client}; {@link #flush} sends what is queued. */
    void write(ByteBuf message, InetSocketAddress client);

    void flush();

    /**
     * Whether the client can take another message now. A TCP or TLS client that stops reading cannot
     * once the connection's send queue is full; what it would get is dropped then, not queued.
     */
    boolean canTakeMore();

    /** RFC 8656 §12.5: over TCP and TLS, ChannelData is padded to a multiple of 4 bytes; over UDP it is not. */
    boolean padsChannelData();
}
