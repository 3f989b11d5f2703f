package org.wildrtc.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.wildrtc.turn.Relay;

/** An allocation's relay socket. */
final class NettyRelay implements Relay {
    private final Channel channel;
    private final InetSocketAddress address;
    private final OpenedRelays opened;

    /** A relay on {@code channel}, known to {@code opened} until it closes. */
    NettyRelay(Channel channel, InetSocketAddress address, OpenedRelays opened) {
        this.channel = channel;
        this.address = address;
        this.opened = opened;
        opened.addDatagram(this, channel);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void send(InetSocketAddress peer, ByteBuffer data) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), peer), channel.voidPromise());
    }

    @Override
    public void dontFragment() {
        DontFragment.set(channel, address);
    }

    @Override
    public void close() {
        opened.forget(this);
        channel.close();
    }
}
