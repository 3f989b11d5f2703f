package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.Inet4Address;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds relay sockets synchronously, before Netty sees them. An Allocate runs on the event loop
 * that will own the relay, which must not wait for a bind queued on itself; a socket bound here
 * fails at once when its port is taken, and then joins the loop already bound.
 */
final class RelaySockets {
    private static final int DATAGRAMS_PER_READ = 8;
    private static final int TCP_BACKLOG = 16;
    /** Room for a burst from a peer; the kernel caps it at net.core.rmem_max. */
    private static final int RELAY_BUFFER_BYTES = 1024 * 1024;

    private final boolean epoll;
    /** The addresses TCP relays listen on; shared by all event loops, as this object is. */
    private final Set<InetSocketAddress> listening = ConcurrentHashMap.newKeySet();

    RelaySockets(boolean epoll) {
        this.epoll = epoll;
    }

    /** Whether the sockets are native epoll ones, which can take Linux-only options ({@link DontFragment}). */
    boolean isNative() {
        return epoll;
    }

    /**
     * Closes a socket of {@link #bind} that may not have joined an event loop: Netty's {@code close()}
     * needs one (it throws "channel not registered to an event loop"); closing it forcibly frees the
     * port without one.
     */
    static void close(Channel channel) {
        if (channel.isRegistered()) {
            channel.close();
        } else {
            channel.unsafe().closeForcibly();
        }
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
        if (epoll) {
            // recvmmsg: a batch of datagrams per system call, as on the listeners.
            channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, TurnTransport.MAX_DATAGRAM_SIZE);
            channel.config().setOption(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(TurnTransport.MAX_DATAGRAM_SIZE * DATAGRAMS_PER_READ));
        } else {
            channel.config().setOption(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(TurnTransport.MAX_DATAGRAM_SIZE));
        }
        channel.config().setOption(ChannelOption.SO_RCVBUF, RELAY_BUFFER_BYTES);
        return channel;
    }

    /**
     * A listening TCP relay socket (RFC 6062), which holds its port until it closes. SO_REUSEADDR and
     * SO_REUSEPORT let the connections the server opens to peers (Connect) leave from the same relayed
     * address; SO_REUSEPORT would also let a second relay listen on the port and take its peers'
     * connections, so a port this server listens on is refused to every other relay.
     *
     * @throws IOException when the port is taken, by another relay of this server or another socket
     */
    ServerChannel listen(InetSocketAddress address) throws IOException {
        if (!listening.add(address)) {
            throw new IOException("TCP relay port " + address + " is held by another allocation");
        }
        ServerChannel channel;
        try {
            channel = bindListener(address);
        } catch (IOException e) {
            listening.remove(address);
            throw e;
        }
        channel.closeFuture().addListener(closed -> listening.remove(address));
        return channel;
    }

    private ServerChannel bindListener(InetSocketAddress address) throws IOException {
        if (epoll) {
            Socket socket = Socket.newSocketStream();
            try {
                socket.setReuseAddress(true);
                socket.setReusePort(true);
                socket.bind(address);
                socket.listen(TCP_BACKLOG);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return new EpollServerSocketChannel(socket.intValue());
        }
        java.nio.channels.ServerSocketChannel socket = java.nio.channels.ServerSocketChannel.open();
        try {
            socket.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            socket.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            socket.bind(address, TCP_BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new NioServerSocketChannel(socket);
    }

    /**
     * An unconnected TCP socket bound to a TCP relay's address, for Connect (RFC 6062 §5.2): it
     * shares the listening socket's port through SO_REUSEPORT, which Netty sets only on listeners.
     */
    Channel outgoing(InetSocketAddress local) throws IOException {
        if (epoll) {
            Socket socket = Socket.newSocketStream();
            try {
                socket.setReuseAddress(true);
                socket.setReusePort(true);
                socket.bind(local);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return new EpollSocketChannel(socket.intValue());
        }
        java.nio.channels.SocketChannel socket = java.nio.channels.SocketChannel.open();
        try {
            socket.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            socket.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            socket.bind(local);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new NioSocketChannel(socket);
    }
}
