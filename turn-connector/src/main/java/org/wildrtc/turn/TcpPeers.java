package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;
import java.util.function.ToIntFunction;

/**
 * The TCP side of RFC 6062, which the transport implements for one client connection: connections
 * from a TCP relay to peers, their connection ids, and answers that come after the request.
 */
public interface TcpPeers {

    /**
     * Connect (RFC 6062 §5.2): opens a TCP connection from the allocation's relayed address to
     * {@code peer}. Calls {@code done} on the event loop with the new connection id (an unsigned
     * 32-bit value, RFC 6062 §6.2.1), or with {@link #FAILED} (447), {@link #EXISTS} (446) or
     * {@link #BUSY} (508: the allocation has as many connections under way or waiting for a
     * ConnectionBind as it may).
     */
    void connect(Allocation allocation, InetSocketAddress peer, LongConsumer done);

    /**
     * ConnectionBind (RFC 6062 §5.4): claims the pending peer connection {@code connectionId} for this
     * client connection, which becomes a plain pipe to the peer once the success answer is out. False
     * when there is no such pending connection, or when it belongs to no live allocation of
     * {@code username} made from this client's address.
     */
    boolean bind(long connectionId, String username);

    /** Sends an answer written later (the Connect answer) down this client connection. */
    void answerLater(ToIntFunction<ByteBuffer> writer);

    /** Outcomes of {@link #connect} besides a connection id, all negative so no id is mistaken for one. */
    long FAILED = -1;
    long EXISTS = -2;
    long BUSY = -3;
}
