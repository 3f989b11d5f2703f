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
import java.util.function.IntConsumer;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.ConnectionAttempt;
import org.wildrtc.turn.Relay;
import org.wildrtc.turn.TcpPeers;

/**
 * A TCP relay (RFC 6062): a listening socket on the relayed address that permitted peers connect
 * to, and the connections the server opens from it to peers. Each peer connection waits, not read,
 * until the client binds it to a data connection. Confined to the allocation's event loop.
 */
final class TcpRelay implements Relay {
    /** RFC 6062 §5.2: a Connect that has not connected in 30 seconds fails with 447. */
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private final ServerChannel listener;
    private final InetSocketAddress address;
    private final Allocation allocation;
    private final ClientLink client;
    private final PendingPeerConnections pending;
    private final EventLoop loop;
    private final RelaySockets sockets;
    private final Map<InetSocketAddress, Channel> peers = new HashMap<>();

    TcpRelay(ServerChannel listener, InetSocketAddress address, Allocation allocation, ClientLink client,
             PendingPeerConnections pending, EventLoop loop, RelaySockets sockets) {
        this.listener = listener;
        this.address = address;
        this.allocation = allocation;
        this.client = client;
        this.pending = pending;
        this.loop = loop;
        this.sockets = sockets;
        new ServerBootstrap()
                .group(loop, loop)
                .channelFactory(() -> listener)
                .childOption(ChannelOption.AUTO_READ, false)
                // Without it Nagle holds small writes for the peer's delayed ACK: 40 ms stalls.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
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
        return address;
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
        listener.close();
        List.copyOf(peers.values()).forEach(Channel::close);
    }

    boolean isConnectedTo(InetSocketAddress peer) {
        return peers.containsKey(peer);
    }

    /** Connect (RFC 6062 §5.2): from the relayed address to {@code peer}; {@code done} gets the id or FAILED. */
    void connect(InetSocketAddress peer, IntConsumer done) {
        Channel connection;
        try {
            connection = sockets.outgoing(address);
        } catch (IOException e) {
            done.accept(TcpPeers.FAILED);
            return;
        }
        connection.config().setAutoRead(false);
        connection.config().setOption(ChannelOption.TCP_NODELAY, true);
        connection.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        connection.config().setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        loop.register(connection).addListener(registered -> {
            if (!registered.isSuccess()) {
                connection.close();
                done.accept(TcpPeers.FAILED);
                return;
            }
            connection.connect(peer).addListener((ChannelFuture connected) -> {
                if (!connected.isSuccess()) {
                    connection.close();
                    done.accept(TcpPeers.FAILED);
                    return;
                }
                track(peer, connection);
                done.accept((int) pending.hold(connection, allocation.username(), loop));
            });
        });
    }

    /** RFC 6062 §5.3: a permitted peer's connection is announced to the client; others are closed. */
    private void peerConnected(Channel peer) {
        InetSocketAddress from = (InetSocketAddress) peer.remoteAddress();
        if (!allocation.hasPermission(from.getAddress(), System.nanoTime())) {
            peer.close();
            return;
        }
        track(from, peer);
        long id = pending.hold(peer, allocation.username(), loop);
        ByteBuf indication = peer.alloc().directBuffer(128);
        indication.writerIndex(ConnectionAttempt.write(indication.nioBuffer(0, 128), id, from));
        client.write(indication, allocation.client());
        client.flush();
    }

    private void track(InetSocketAddress peer, Channel connection) {
        peers.put(peer, connection);
        connection.closeFuture().addListener(closed -> peers.remove(peer, connection));
    }
}
