package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** Writes to a client down its TCP or TLS connection (RFC 8656 §3.1: one allocation per connection). */
final class StreamClientLink implements ClientLink {
    private final Channel connection;
    private final boolean recordPerMessage;

    /**
     * @param recordPerMessage send each message at once, in a TLS record of its own. Some TLS clients
     *                         (coturn's turnutils among them) read one record per readiness event and
     *                         leave later records of the same segment waiting until more data comes.
     */
    StreamClientLink(Channel connection, boolean recordPerMessage) {
        this.connection = connection;
        this.recordPerMessage = recordPerMessage;
    }

    @Override
    public void write(ByteBuf message, InetSocketAddress client) {
        if (recordPerMessage) {
            connection.writeAndFlush(message, connection.voidPromise());
        } else {
            connection.write(message, connection.voidPromise());
        }
    }

    @Override
    public void flush() {
        connection.flush();
    }

    /**
     * A read batch's writes wait for one flush and may pass the high water mark on their own: they are
     * flushed first, and only what the socket then cannot take means the client is not reading.
     */
    @Override
    public boolean canTakeMore() {
        if (!connection.isWritable()) {
            connection.flush();
        }
        return connection.isWritable();
    }

    @Override
    public boolean padsChannelData() {
        return true;
    }
}
