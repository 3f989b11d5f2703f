package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;
import java.util.function.ToIntFunction;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.TcpPeers;

/** RFC 6062 for one TCP or TLS client connection: its Connect answers and the peer it binds. */
final class StreamTcpPeers implements TcpPeers {
    private static final int MAX_ANSWER_SIZE = 2048;

    private final Channel connection;
    private final PendingPeerConnections pending;
    private final OpenedRelays relays;
    private PendingPeerConnections.Held bound;

    /** @param relays the relays opened for this connection, among them the TCP relay of its allocation */
    StreamTcpPeers(Channel connection, PendingPeerConnections pending, OpenedRelays relays) {
        this.connection = connection;
        this.pending = pending;
        this.relays = relays;
    }

    /** The Connect handler lets only a TCP allocation (RFC 6062) of this connection come here. */
    @Override
    public void connect(Allocation allocation, InetSocketAddress peer, LongConsumer done) {
        TcpRelay relay = relays.tcp(allocation.relay());
        if (relay.isConnectedTo(peer)) {
            done.accept(EXISTS);
            return;
        }
        relay.connect(peer, done);
    }

    @Override
    public boolean bind(long connectionId, String username) {
        bound = pending.claim(connectionId, username, ((InetSocketAddress) connection.remoteAddress()).getAddress());
        return bound != null;
    }

    @Override
    public void answerLater(ToIntFunction<ByteBuffer> writer) {
        ByteBuf answer = Answers.forStream(connection.alloc(), MAX_ANSWER_SIZE, writer);
        if (answer != null) {
            connection.writeAndFlush(answer, connection.voidPromise());
        }
    }

    /** The peer connection a ConnectionBind just claimed, once, with its relay; null when there is none. */
    PendingPeerConnections.Held takeBound() {
        PendingPeerConnections.Held taken = bound;
        bound = null;
        return taken;
    }
}
