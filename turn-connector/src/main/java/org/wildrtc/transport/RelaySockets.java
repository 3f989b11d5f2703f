package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.Inet4Address;

/**
 * Binds relay sockets synchronously, before Netty sees them. An Allocate runs on the event loop
 * that will own the relay, which must not wait for a bind queued on itself; a socket bound here
 * fails at once when its port is taken, and then joins the loop already bound.
 */
final class RelaySockets {
    private final boolean epoll;

    RelaySockets(boolean epoll) {
        this.epoll = epoll;
    }

    Channel bind(InetSocketAddress address) throws IOException {
        Channel channel;
        if (epoll) {
            Socket socket = Socket.newSocketDgram();
            try {
                socket.bind(address);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            channel = new EpollDatagramChannel(socket.intValue());
        } else {
            java.nio.channels.DatagramChannel socket = java.nio.channels.DatagramChannel.open(
                    address.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            try {
                socket.bind(address);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            channel = new NioDatagramChannel(socket);
        }
        channel.config().setOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048));
        return channel;
    }
}
