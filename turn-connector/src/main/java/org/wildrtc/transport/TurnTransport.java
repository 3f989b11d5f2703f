package org.wildrtc.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
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
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.wildrtc.turn.TurnServer;
import org.wildrtc.turn.TurnStats;

/** The STUN/TURN sockets: a Netty event loop, the UDP listener and the relay sockets. Owns every socket it opens. */
public final class TurnTransport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TurnTransport.class);
    /** recvmmsg reads up to this many datagrams per system call (epoll only). */
    private static final int DATAGRAMS_PER_READ = 16;
    private static final int MAX_DATAGRAM_SIZE = 2048;

    private final EventLoopGroup group;
    private final Channel udpChannel;
    private final TurnServer server;
    private final NettyRelayPorts relayPorts;
    private final TurnStats stats;

    private TurnTransport(EventLoopGroup group, Channel udpChannel, TurnServer server, NettyRelayPorts relayPorts,
                          TurnStats stats) {
        this.group = group;
        this.udpChannel = udpChannel;
        this.server = server;
        this.relayPorts = relayPorts;
        this.stats = stats;
    }

    /**
     * Binds the listener. The event loop thread comes from {@code executor} (in the container, the
     * resource adapter's WorkManager).
     *
     * @throws TransportBindException when the listener cannot bind; nothing stays open then
     */
    public static TurnTransport start(TransportConfig config, Executor executor) throws TransportBindException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        // One loop owns the listener, its relays and the allocation table, so none of them needs a lock.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, executor, ioHandlers);
        TurnStats stats = new TurnStats();
        AtomicReference<TurnServer> server = new AtomicReference<>();
        AtomicReference<NettyRelayPorts> relayPorts = new AtomicReference<>();
        RelaySockets relaySockets = new RelaySockets(epoll);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        NettyRelayPorts relays = new NettyRelayPorts(relaySockets, config.relayAddress(),
                                config.minRelayPort(), config.maxRelayPort(), channel.eventLoop(),
                                new ClientWriter(channel), stats);
                        TurnServer turn = new TurnServer(config.turn(), relays, stats);
                        server.set(turn);
                        relayPorts.set(relays);
                        channel.pipeline().addLast(new TurnDatagramHandler(turn, stats));
                    }
                });
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
        Channel channel = bound.channel();
        channel.eventLoop().scheduleAtFixedRate(() -> server.get().expire(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
        LOG.infof("STUN/TURN listening on udp %s, relaying from %s ports %d-%d (%s)", channel.localAddress(),
                config.relayAddress().getHostAddress(), config.minRelayPort(), config.maxRelayPort(),
                epoll ? "epoll" : "nio");
        return new TurnTransport(group, channel, server.get(), relayPorts.get(), stats);
    }

    /** The addresses the UDP listeners are bound to, with the real port when 0 was asked for. */
    public List<InetSocketAddress> udpAddresses() {
        return List.of(((DatagramChannel) udpChannel).localAddress());
    }

    public TurnStats stats() {
        return stats;
    }

    /** Closes the relays and the listener and stops the event loop; returns when the ports are free again. */
    @Override
    public void close() {
        List<InetSocketAddress> addresses = udpAddresses();
        udpChannel.eventLoop().submit(() -> {
            server.close();
            relayPorts.closeReservations();
        }).awaitUninterruptibly();
        udpChannel.close().awaitUninterruptibly();
        shutdown(group);
        LOG.infof("STUN/TURN listener on udp %s closed", addresses);
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
