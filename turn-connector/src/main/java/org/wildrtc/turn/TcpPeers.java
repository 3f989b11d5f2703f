package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;

/**
 * The TCP side of RFC 6062, which the transport implements for one client connection: connections
 * from a TCP relay to peers, their connection ids, and answers that come after the request.
 */
public interface TcpPeers {

    /**
     * Connect (RFC 6062 §5.2): opens a TCP connection from the allocation's relayed address to
     * {@code peer}. Calls {@code done} on the event loop with the new connection id, or with
     * {@link #FAILED} (447), or with {@link #EXISTS} (446).
     */
    void connect(Allocation allocation, InetSocketAddress peer, IntConsumer done);

    /**
     * ConnectionBind (RFC 6062 §5.4): claims the pending peer connection {@code connectionId} of an
     * allocation of {@code username} for this client connection, which becomes a plain pipe to the
     * peer once the success answer is out. False when there is no such pending connection.
     */
    boolean bind(long connectionId, String username);

    /** Sends an answer written later (the Connect answer) down this client connection. */
    void answerLater(ToIntFunction<ByteBuffer> writer);

    int FAILED = -1;
    int EXISTS = -2;
}
