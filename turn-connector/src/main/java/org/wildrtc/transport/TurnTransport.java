package org.wildrtc.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.wildrtc.turn.ClientTransport;
import org.wildrtc.turn.SharedTurnState;
import org.wildrtc.turn.TurnServer;
import org.wildrtc.turn.TurnStats;

/**
 * The STUN/TURN sockets. Each event loop owns one UDP listening socket on the shared port for each
 * listening address (the kernel steers every client to one of them by its address), the relays of
 * its clients and their allocation tables, so forwarding never crosses threads and needs no lock.
 * TCP connections on the same port are spread over the loops the same way.
 */
public final class TurnTransport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TurnTransport.class);
    /** recvmmsg reads up to this many datagrams per system call (epoll only). */
    private static final int DATAGRAMS_PER_READ = 16;
    static final int MAX_DATAGRAM_SIZE = 2048;
    /** Socket buffers for bursts; the kernel caps them at net.core.rmem_max / wmem_max. */
    private static final int LISTENER_BUFFER_BYTES = 4 * 1024 * 1024;
    /**
     * What a TCP or TLS connection (a client's, or a TCP relay's to a peer) may queue beyond its socket
     * buffer before it counts as full: then peer datagrams for the client are dropped and reading stops
     * on whatever feeds it. It bounds the memory of the server's many connections.
     */
    static final WriteBufferWaterMark STREAM_WATER_MARK = new WriteBufferWaterMark(16 * 1024, 64 * 1024);

    private final EventLoopGroup group;
    private final InetSocketAddress udpListener;
    private final String engine;
    private final List<Loop> loops;
    private final List<Channel> streamListeners;
    private final SharedTurnState shared;
    private final RelayReservations reservations;
    private final LoopHeartbeats heartbeats;

    /** One UDP listening socket and what it serves. */
    private record Loop(Channel listener, TurnServer server) {
    }

    private static final AttributeKey<Loop> LOOP = AttributeKey.valueOf(TurnTransport.class, "loop");

    private TurnTransport(EventLoopGroup group, InetSocketAddress udpListener, List<Loop> loops,
                          List<Channel> streamListeners, SharedTurnState shared, RelayReservations reservations,
                          String engine, LoopHeartbeats heartbeats) {
        this.udpListener = udpListener;
        this.heartbeats = heartbeats;
        this.engine = engine;
        this.reservations = reservations;
        this.group = group;
        this.loops = loops;
        this.streamListeners = streamListeners;
        this.shared = shared;
    }

    /**
     * Turns Netty's buffer leak detection off unless {@code -Dio.netty.leakDetection.level} asks for a
     * level: Netty samples allocations with a stack trace by default, a debugging aid that costs on the
     * relay path. Netty lives in the resource adapter, so this reaches only our copy of it.
     */
    public static void leakDetectionOffUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * Binds the listeners. Event loop threads come from {@code executor} (in the container, the
     * resource adapter's WorkManager).
     *
     * @throws TransportBindException when the port is taken or a listener cannot bind; nothing stays open then
     */
    public static TurnTransport start(TransportConfig config, Executor executor) throws TransportBindException {
        boolean epoll = Epoll.isAvailable();
        // SO_REUSEPORT would silently share the port with another server holding it the same way
        // (coturn does): a plain bind first proves the port is free.
        int loopCount = epoll ? config.eventLoops() : 1;
        if (loopCount > 1) {
            ensureFree(config.udpListener());
        }
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loopCount, new FastThreadLocalExecutor(executor),
                ioHandlers);
        SharedTurnState shared = new SharedTurnState(config.turn());
        RelaySockets relaySockets = new RelaySockets(epoll);
        RelayReservations reservations = new RelayReservations();
        PendingPeerConnections pendingPeers = new PendingPeerConnections(new SecureRandom());
        List<Loop> loops = new ArrayList<>();
        int port = config.udpListener().getPort();
        for (InetAddress local : listenAddresses(config.udpListener().getAddress())) {
            for (int i = 0; i < loopCount; i++) {
                InetSocketAddress address = new InetSocketAddress(local, port);
                EventLoop loop = group.next();
                ChannelFuture bound = datagramListener(config, loop, loopCount, epoll, relaySockets, reservations,
                        pendingPeers, shared).bind(address).awaitUninterruptibly();
                if (!bound.isSuccess()) {
                    loops.forEach(opened -> opened.listener().close().awaitUninterruptibly());
                    shutdown(group);
                    throw new TransportBindException("udp", address, bound.cause());
                }
                // When port 0 was asked for, the other sockets join the port the first one got.
                port = ((DatagramChannel) bound.channel()).localAddress().getPort();
                Loop started = bound.channel().attr(LOOP).get();
                loop.scheduleAtFixedRate(() -> started.server().expire(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
                loops.add(started);
            }
        }
        InetSocketAddress address = new InetSocketAddress(config.udpListener().getAddress(), port);
        List<Channel> streams = new ArrayList<>();
        StreamConnections connections = new StreamConnections(config.streams(), shared.stats());
        try {
            streams.add(bindStream(config, address, null, group, epoll, relaySockets, reservations, pendingPeers,
                    connections, shared));
            RenewableTlsContext tls = tlsContext(config.tls(), group.next(), executor);
            if (tls != null) {
                streams.add(bindStream(config, config.tls().listener(), tls, group, epoll, relaySockets,
                        reservations, pendingPeers, connections, shared));
            }
        } catch (TransportBindException e) {
            streams.forEach(stream -> stream.close().awaitUninterruptibly());
            loops.forEach(opened -> opened.listener().close().awaitUninterruptibly());
            shutdown(group);
            throw e;
        }
        if (!PlatformDependent.hasUnsafe()) {
            LOG.warnf("Netty cannot use sun.misc.Unsafe here, so its buffers take a slower path on every relayed "
                    + "packet: give the resource adapter a dependency on the jdk.unsupported module (wildrtc.ear's "
                    + "jboss-deployment-structure.xml does). Netty says: %s",
                    PlatformDependent.getUnsafeUnavailabilityCause());
        }
        String engine = loopCount + " event loop(s) (" + (epoll ? "epoll" : "nio") + ", "
                + (PlatformDependent.hasUnsafe() ? "unsafe" : "safe") + " buffers)";
        return new TurnTransport(group, address, loops, streams, shared, reservations, engine,
                LoopHeartbeats.start(group));
    }

    /**
     * One UDP listening socket's bootstrap on {@code loop}: its own TURN server and relay ports, so its
     * answers and its relays' traffic to the client leave from the socket the client wrote to.
     */
    private static Bootstrap datagramListener(TransportConfig config, EventLoop loop, int loopCount, boolean epoll,
                                              RelaySockets relaySockets, RelayReservations reservations,
                                              PendingPeerConnections pendingPeers, SharedTurnState shared) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.SO_RCVBUF, LISTENER_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, LISTENER_BUFFER_BYTES)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        NettyRelayPorts relays = new NettyRelayPorts(relaySockets, reservations, pendingPeers,
                                config, channel.eventLoop(), new DatagramClientLink(channel), shared.stats());
                        TurnServer server = new TurnServer(shared, relays, channel.eventLoop());
                        channel.attr(LOOP).set(new Loop(channel, server));
                        channel.pipeline().addLast(
                                new TurnDatagramHandler(server, relays.opened()));
                    }
                });
        if (epoll) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_SIZE)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_DATAGRAM_SIZE * DATAGRAMS_PER_READ))
                    .option(EpollChannelOption.SO_REUSEPORT, loopCount > 1);
        }
        return bootstrap;
    }

    /**
     * Where the UDP listeners bind: the configured address, or, for a wildcard, every address of this
     * machine, as coturn does. A socket bound to the wildcard answers from whichever address the
     * kernel routes by, which on a multi-homed host may not be the one the request was sent to, and
     * the client then drops the answer; Netty cannot pick a datagram's source address (IP_PKTINFO on
     * send). Java's wildcard listens on both families, so both are bound (IPv4 only when the JVM
     * prefers it). IPv6 link-local addresses are left out: they need a zone and no TURN client uses
     * them. Addresses that appear later are not followed.
     */
    private static List<InetAddress> listenAddresses(InetAddress configured) {
        if (!configured.isAnyLocalAddress()) {
            return List.of(configured);
        }
        boolean ipv4Only = Boolean.getBoolean("java.net.preferIPv4Stack");
        Set<InetAddress> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address || (!ipv4Only && !address.isLinkLocalAddress())) {
                        addresses.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warnf("Could not list this machine's addresses (%s): listening on %s as one socket", e.getMessage(),
                    configured.getHostAddress());
            return List.of(configured);
        }
        return addresses.isEmpty() ? List.of(configured) : List.copyOf(addresses);
    }

    /**
     * The TLS context, renewed when its key store changes, or null when TLS is off or its key store is
     * missing (then TLS is left out, loudly: a key store that appears later is not followed).
     */
    private static RenewableTlsContext tlsContext(TransportConfig.Tls tls, EventLoop checker, Executor blocking)
            throws TransportBindException {
        if (tls == null) {
            return null;
        }
        if (!java.nio.file.Files.isReadable(tls.keystore())) {
            LOG.warnf("TURN over TLS is off until a restart or reload: key store %s does not exist yet (WildFly "
                    + "creates its self-signed one on the first HTTPS request; or configure tlsKeystore). Only a "
                    + "key store there at start is followed when it is renewed", tls.keystore());
            return null;
        }
        try {
            return RenewableTlsContext.start(tls, checker, blocking);
        } catch (IOException e) {
            throw new TransportBindException("tls", tls.listener(), e);
        }
    }

    /**
     * The TCP listener on the same port (RFC 8656 §3.1). Every connection gets its own server and
     * relay ports on the loop it landed on: a connection holds at most one allocation.
     */
    private static Channel bindStream(TransportConfig config, InetSocketAddress address, RenewableTlsContext tls,
                                      EventLoopGroup group, boolean epoll, RelaySockets relaySockets,
                                      RelayReservations reservations, PendingPeerConnections pendingPeers,
                                      StreamConnections connections, SharedTurnState shared)
            throws TransportBindException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, STREAM_WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        if (!connections.admit(connection)) {
                            return;
                        }
                        NettyRelayPorts relays = new NettyRelayPorts(relaySockets, reservations, pendingPeers, config,
                                connection.eventLoop(), new StreamClientLink(connection, tls != null), shared.stats());
                        StreamTcpPeers tcpPeers = new StreamTcpPeers(connection, pendingPeers, relays.opened());
                        TurnServer server = new TurnServer(shared, relays, tcpPeers,
                                tls != null ? ClientTransport.TLS : ClientTransport.TCP, connection.eventLoop());
                        if (tls != null) {
                            connection.pipeline().addLast(tls.current().newHandler(connection.alloc()));
                        }
                        connection.pipeline().addLast(new StreamFrameDecoder(),
                                new TurnStreamHandler(server, new ClientMessages(server, relays.opened(), Answers::forStream), tcpPeers,
                                        shared.stats(), config.streams().idleSeconds()));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new TransportBindException(tls == null ? "tcp" : "tls", address, bound.cause());
        }
        return bound.channel();
    }

    private static void ensureFree(InetSocketAddress address) throws TransportBindException {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            probe.bind(address);
        } catch (IOException e) {
            throw new TransportBindException("udp", address, e);
        }
    }

    /** How the sockets are served, for the start-up report: "2 event loop(s) (epoll, unsafe buffers)". */
    public String engine() {
        return engine;
    }

    /** The TLS listener's address, when TLS is on. */
    public java.util.Optional<InetSocketAddress> tlsAddress() {
        return streamListeners.size() > 1
                ? java.util.Optional.of((InetSocketAddress) streamListeners.get(1).localAddress())
                : java.util.Optional.empty();
    }

    /**
     * The address the UDP listeners listen on, as configured (a wildcard stays one), with the real port
     * when 0 was asked for.
     */
    public List<InetSocketAddress> udpAddresses() {
        return List.of(udpListener);
    }

    /** The addresses UDP sockets are bound to: the configured one, or each address of the machine for a wildcard. */
    public List<InetSocketAddress> udpSockets() {
        Set<InetSocketAddress> addresses = new LinkedHashSet<>();
        loops.forEach(loop -> addresses.add(((DatagramChannel) loop.listener()).localAddress()));
        return List.copyOf(addresses);
    }

    public TurnStats stats() {
        return shared.stats();
    }

    /** What the TURN logic of every loop shares: the statistics, the drain, the revocations, the secrets. */
    public SharedTurnState shared() {
        return shared;
    }

    /**
     * The listeners that are no longer open, as {@code udp 192.0.2.1:3478}; empty while all serve.
     * A listener closes only with the server, or when its socket fails under it.
     */
    public List<String> closedListeners() {
        List<String> closed = new ArrayList<>();
        for (Loop loop : loops) {
            if (!loop.listener().isActive()) {
                closed.add("udp " + loop.listener().localAddress());
            }
        }
        for (int i = 0; i < streamListeners.size(); i++) {
            Channel listener = streamListeners.get(i);
            if (!listener.isActive()) {
                closed.add((i == 0 ? "tcp " : "tls ") + listener.localAddress());
            }
        }
        return closed;
    }

    public int eventLoopCount() {
        return heartbeats.loops();
    }

    /** How many event loops missed their once-a-second beat for over 5 s: each is stuck in a task. */
    public int wedgedEventLoops() {
        return heartbeats.wedged(System.nanoTime());
    }

    /** Closes the relays and the listeners and stops the event loops; returns when the ports are free again. */
    @Override
    public void close() {
        List<InetSocketAddress> addresses = udpAddresses();
        streamListeners.forEach(listener -> listener.close().awaitUninterruptibly());
        for (Loop loop : loops) {
            loop.listener().eventLoop().submit(loop.server()::close).awaitUninterruptibly();
            loop.listener().close().awaitUninterruptibly();
        }
        reservations.closeAll();
        shutdown(group);
        LOG.infof("STUN/TURN listeners on %s closed", addresses);
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
