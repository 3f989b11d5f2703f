package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Writes to clients through the listening socket they talk to. Relay handlers write here as peer
 * data arrives and flush once per read batch, so the batch leaves in one sendmmsg.
 */
final class ClientWriter {
    private final Channel listener;

    ClientWriter(Channel listener) {
        this.listener = listener;
    }

    void write(ByteBuf datagram, InetSocketAddress client) {
        listener.write(new DatagramPacket(datagram, client), listener.voidPromise());
    }

    void flush() {
        listener.flush();
    }
}
