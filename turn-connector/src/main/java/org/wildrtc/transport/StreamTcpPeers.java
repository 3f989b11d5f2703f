package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.TcpPeers;

/** RFC 6062 for one TCP or TLS client connection: its Connect answers and the peer it binds. */
final class StreamTcpPeers implements TcpPeers {
    private static final int MAX_ANSWER_SIZE = 2048;

    private final Channel connection;
    private final PendingPeerConnections pending;
    private Channel boundPeer;

    StreamTcpPeers(Channel connection, PendingPeerConnections pending) {
        this.connection = connection;
        this.pending = pending;
    }

    @Override
    public void connect(Allocation allocation, InetSocketAddress peer, IntConsumer done) {
        TcpRelay relay = (TcpRelay) allocation.relay();
        if (relay.isConnectedTo(peer)) {
            done.accept(EXISTS);
            return;
        }
        relay.connect(peer, done);
    }

    @Override
    public boolean bind(long connectionId, String username) {
        boundPeer = pending.claim(connectionId, username);
        return boundPeer != null;
    }

    @Override
    public void answerLater(ToIntFunction<ByteBuffer> writer) {
        ByteBuf answer = connection.alloc().directBuffer(MAX_ANSWER_SIZE);
        answer.writerIndex(writer.applyAsInt(answer.nioBuffer(0, MAX_ANSWER_SIZE)));
        connection.writeAndFlush(answer, connection.voidPromise());
    }

    /** The peer connection a ConnectionBind just claimed, once; null when there is none. */
    Channel takeBoundPeer() {
        Channel peer = boundPeer;
        boundPeer = null;
        return peer;
    }
}
