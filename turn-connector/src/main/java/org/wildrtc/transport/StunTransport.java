package org.wildrtc.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.wildrtc.stun.BindingResponder;

/** The STUN/TURN sockets: Netty event loops and the listeners bound on them. Owns every socket it opens. */
public final class StunTransport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StunTransport.class);
    /** recvmmsg reads up to this many datagrams per system call (epoll only). */
    private static final int DATAGRAMS_PER_READ = 16;
    private static final int MAX_DATAGRAM_SIZE = 2048;

    private final EventLoopGroup group;
    private final Channel udpChannel;

    private StunTransport(EventLoopGroup group, Channel udpChannel) {
        this.group = group;
        this.udpChannel = udpChannel;
    }

    /**
     * Binds the listeners. Event loop threads come from {@code executor} (in the container, the
     * resource adapter's WorkManager).
     *
     * @throws TransportBindException when a listener cannot bind; nothing stays open then
     */
    public static StunTransport start(TransportConfig config, Executor executor) throws TransportBindException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), executor, ioHandlers);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new StunDatagramHandler(new BindingResponder(config.software())));
        if (epoll) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_SIZE)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_DATAGRAM_SIZE * DATAGRAMS_PER_READ));
        }
        ChannelFuture bound = bootstrap.bind(config.udpListener()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdown(group);
            throw new TransportBindException("udp", config.udpListener(), bound.cause());
        }
        LOG.infof("STUN listening on udp %s (%s, %d event loop(s))",
                bound.channel().localAddress(), epoll ? "epoll" : "nio", config.eventLoopThreads());
        return new StunTransport(group, bound.channel());
    }

    /** The addresses the UDP listeners are bound to, with the real port when 0 was asked for. */
    public List<InetSocketAddress> udpAddresses() {
        return List.of(((DatagramChannel) udpChannel).localAddress());
    }

    /** Closes every socket and stops the event loops; returns when the ports are free again. */
    @Override
    public void close() {
        List<InetSocketAddress> addresses = udpAddresses();
        udpChannel.close().awaitUninterruptibly();
        shutdown(group);
        LOG.infof("STUN listener on udp %s closed", addresses);
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
