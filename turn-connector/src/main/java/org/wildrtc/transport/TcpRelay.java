package org.wildrtc.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.ConnectionAttempt;
import org.wildrtc.turn.Refusal;
import org.wildrtc.turn.Relay;
import org.wildrtc.turn.TcpPeers;
import org.wildrtc.turn.TurnStats;

/**
 * A TCP relay (RFC 6062): a listening socket on the relayed address that permitted peers connect
 * to, and the connections the server opens from it to peers. Each peer connection waits, not read,
 * until the client binds it to a data connection. Confined to the allocation's event loop, but for
 * what a ConnectionBind on another loop asks ({@link #isOpen}, {@link #unboundGone}).
 */
final class TcpRelay implements Relay {
    /** RFC 6062 §5.2: a Connect that has not connected in 30 seconds fails with 447. */
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private final ServerChannel listener;
    private final InetSocketAddress bound;
    private final InetSocketAddress advertised;
    private final Allocation allocation;
    private final ClientLink client;
    private final PendingPeerConnections pending;
    private final EventLoop loop;
    private final RelaySockets sockets;
    private final TurnStats stats;
    private final OpenedRelays opened;
    private final TransportConfig.StreamLimits limits;
    private final Map<InetSocketAddress, Channel> peers = new HashMap<>();
    /** Connections waiting for a ConnectionBind, and Connects under way; a bind on another loop lowers it. */
    private final AtomicInteger unbound = new AtomicInteger();
    private int connecting;
    private volatile boolean open = true;

    /**
     * A relay listening on {@code listener}, bound to {@code bound} and known to clients as
     * {@code advertised} (the public address behind 1:1 NAT), known to {@code opened} until it closes.
     */
    TcpRelay(ServerChannel listener, InetSocketAddress bound, InetSocketAddress advertised, Allocation allocation,
             ClientLink client, PendingPeerConnections pending, EventLoop loop, RelaySockets sockets, TurnStats stats,
             OpenedRelays opened, TransportConfig.StreamLimits limits) {
        this.listener = listener;
        this.bound = bound;
        this.advertised = advertised;
        this.allocation = allocation;
        this.client = client;
        this.pending = pending;
        this.loop = loop;
        this.sockets = sockets;
        this.stats = stats;
        this.opened = opened;
        this.limits = limits;
        opened.addTcp(this);
        new ServerBootstrap()
                .group(loop, loop)
                .channelFactory(() -> listener)
                .childOption(ChannelOption.AUTO_READ, false)
                // Without it Nagle holds small writes for the peer's delayed ACK: 40 ms stalls.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, TurnTransport.STREAM_WATER_MARK)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel peer) {
                        peerConnected(peer);
                    }
                })
                .register();
    }

    @Override
    public InetSocketAddress address() {
        return advertised;
    }

    /** RFC 6062: a TCP allocation carries data over connections; a Send indication for it is dropped. */
    @Override
    public void send(InetSocketAddress peer, ByteBuffer data) {
        // nothing to send it on
    }

    /** RFC 6062 §5.1: Allocate refuses DONT-FRAGMENT for TCP relays, whose streams have no datagrams to mark. */
    @Override
    public void dontFragment() {
        // nothing to mark
    }

    @Override
    public void close() {
        opened.forget(this);
        open = false;
        listener.close();
        List.copyOf(peers.values()).forEach(Channel::close);
    }

    /** Whether the allocation still lives; a connection id of a closed relay binds no more. */
    boolean isOpen() {
        return open;
    }

    Allocation allocation() {
        return allocation;
    }

    /** A connection waiting for a ConnectionBind was bound, expired or closed. */
    void unboundGone() {
        unbound.decrementAndGet();
    }

    /** RFC 6062 §5.2: a Connect to the same peer while one is under way or connected is 446. */
    boolean isConnectedTo(InetSocketAddress peer) {
        return peers.containsKey(peer);
    }

    /**
     * Connect (RFC 6062 §5.2): from the relayed address to {@code peer}; {@code done} gets the id, or
     * FAILED, or BUSY when the allocation has as many Connects under way or connections unbound as it may.
     */
    void connect(InetSocketAddress peer, LongConsumer done) {
        if (connecting >= limits.maxConnectAttempts()) {
            stats.refused(Refusal.CONNECT_ATTEMPTS);
            done.accept(TcpPeers.BUSY);
            return;
        }
        if (!takePendingPlace()) {
            done.accept(TcpPeers.BUSY);
            return;
        }
        Channel connection;
        try {
            connection = sockets.outgoing(bound);
        } catch (IOException e) {
            unboundGone();
            done.accept(TcpPeers.FAILED);
            return;
        }
        connecting++;
        connection.config().setAutoRead(false);
        connection.config().setOption(ChannelOption.TCP_NODELAY, true);
        connection.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        connection.config().setWriteBufferWaterMark(TurnTransport.STREAM_WATER_MARK);
        connection.config().setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        loop.register(connection).addListener(registered -> {
            if (!registered.isSuccess()) {
                // Netty's close() needs a loop; an unregistered socket is closed forcibly.
                connection.unsafe().closeForcibly();
                failed(done);
                return;
            }
            track(peer, connection);
            connection.connect(peer).addListener((ChannelFuture made) -> connected(made.isSuccess(), done, connection));
        });
    }

    private void connected(boolean made, LongConsumer done, Channel connection) {
        if (!made || !open) {
            connection.close();
            failed(done);
            return;
        }
        connecting--;
        counted(connection);
        done.accept(pending.hold(connection, this));
    }

    private void failed(LongConsumer done) {
        connecting--;
        unboundGone();
        done.accept(TcpPeers.FAILED);
    }

    /** RFC 6062 §5.3: a permitted peer's connection is announced to the client; others are closed. */
    private void peerConnected(Channel peer) {
        InetSocketAddress from = (InetSocketAddress) peer.remoteAddress();
        if (!allocation.hasPermission(from.getAddress(), System.nanoTime()) || !takePendingPlace()) {
            peer.close();
            return;
        }
        track(from, peer);
        counted(peer);
        long id = pending.hold(peer, this);
        ByteBuf indication = peer.alloc().directBuffer(128);
        indication.writerIndex(ConnectionAttempt.write(indication.nioBuffer(0, 128), id, from));
        client.write(indication, allocation.client());
        client.flush();
    }

    /** A place among the allocation's unbound connections; false (and counted) when they are all taken. */
    private boolean takePendingPlace() {
        if (unbound.incrementAndGet() > limits.maxPendingPeerConnections()) {
            unbound.decrementAndGet();
            stats.refused(Refusal.PENDING_PEER_CONNECTIONS);
            return false;
        }
        return true;
    }

    /** A made peer connection counts in the gauge of RFC 6062 connections until it closes. */
    private void counted(Channel connection) {
        stats.tcpConnectionOpened();
        connection.closeFuture().addListener(closed -> stats.tcpConnectionClosed());
    }

    private void track(InetSocketAddress peer, Channel connection) {
        peers.put(peer, connection);
        connection.closeFuture().addListener(closed -> peers.remove(peer, connection));
    }
}
