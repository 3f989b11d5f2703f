package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Writes to clients through the UDP listener they talk to. Relay handlers write here as peer data
 * arrives and flush once per read batch, so the batch leaves in one sendmmsg.
 */
final class DatagramClientLink implements ClientLink {
    private final Channel listener;

    DatagramClientLink(Channel listener) {
        this.listener = listener;
    }

    @Override
    public void write(ByteBuf message, InetSocketAddress client) {
        listener.write(new DatagramPacket(message, client), listener.voidPromise());
    }

    @Override
    public void flush() {
        listener.flush();
    }

    /** A datagram socket sends or drops; Netty holds only what one read batch queued until its flush. */
    @Override
    public boolean canTakeMore() {
        return true;
    }

    @Override
    public boolean padsChannelData() {
        return false;
    }
}
