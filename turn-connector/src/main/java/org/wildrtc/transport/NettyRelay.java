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
    private final InetSocketAddress bound;
    private final InetSocketAddress advertised;
    private final OpenedRelays opened;

    /**
     * A relay on {@code channel}, bound to {@code bound} and known to clients as {@code advertised} (the
     * public address behind 1:1 NAT), known to {@code opened} until it closes.
     */
    NettyRelay(Channel channel, InetSocketAddress bound, InetSocketAddress advertised, OpenedRelays opened) {
        this.channel = channel;
        this.bound = bound;
        this.advertised = advertised;
        this.opened = opened;
        opened.addDatagram(this, channel);
    }

    @Override
    public InetSocketAddress address() {
        return advertised;
    }

    @Override
    public void send(InetSocketAddress peer, ByteBuffer data) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), peer), channel.voidPromise());
    }

    @Override
    public void dontFragment() {
        DontFragment.set(channel, bound);
    }

    @Override
    public void close() {
        opened.forget(this);
        channel.close();
    }
}
