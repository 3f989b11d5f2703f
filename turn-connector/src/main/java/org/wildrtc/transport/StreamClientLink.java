package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** Writes to a client down its TCP or TLS connection (RFC 8656 §3.1: one allocation per connection). */
final class StreamClientLink implements ClientLink {
    private final Channel connection;

    StreamClientLink(Channel connection) {
        this.connection = connection;
    }

    @Override
    public void write(ByteBuf message, InetSocketAddress client) {
        connection.write(message, connection.voidPromise());
    }

    @Override
    public void flush() {
        connection.flush();
    }

    @Override
    public boolean padsChannelData() {
        return true;
    }
}
