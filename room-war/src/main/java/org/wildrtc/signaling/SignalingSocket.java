package org.wildrtc.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/** One signaling WebSocket and what it registered as. */
final class SignalingSocket {
    private static final Logger LOG = Logger.getLogger(SignalingSocket.class);
    private final Session session;
    private final ReadSwitch reads;
    private final SendBacklog backlog;
    private final CatchUp catchUp;
    private final StallWatch stalls;
    private final RemoteEndpoint.Async remote;
    /** Where the batch flush runs: the socket's IO thread; null when frames are written one by one. */
    private final Executor ioThread;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final Runnable flush = this::flushBatch;
    private volatile boolean batching;
    private volatile String roomId;
    private volatile String clientId;
    private volatile boolean events;

    /**
     * @param reads    pauses reading this socket
     * @param ioThread the socket's IO thread, to write frames in batches: a frame sent while none is
     *                 waiting switches the socket to batching until the end of the IO thread's current
     *                 round of reads, so a burst read from one socket leaves for another in one write
     *                 rather than one write per frame. Null: every frame is written as it is sent.
     */
    SignalingSocket(Session session, ReadSwitch reads, Executor ioThread, SendBacklog backlog, StallWatch stalls) {
        this.session = session;
        this.reads = reads;
        this.backlog = backlog;
        this.catchUp = new CatchUp(backlog, this::write);
        this.stalls = stalls;
        this.remote = session.getAsyncRemote();
        this.ioThread = ioThread;
        this.batching = ioThread != null;
    }

    boolean registered() {
        return clientId != null;
    }

    void bind(String roomId, String clientId, boolean events) {
        this.roomId = roomId;
        this.clientId = clientId;
        this.events = events;
    }

    String roomId() {
        return roomId;
    }

    String clientId() {
        return clientId;
    }

    boolean wantsEvents() {
        return events;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** Queues the frame; senders on other sockets never wait for this client's network. */
    void send(String frame) {
        if (session.isOpen() && !catchUp.enqueue(frame)) {
            write(frame);
        }
    }

    /** After {@code register}: what waited for the member, handed over as fast as it reads (CatchUp). */
    void catchUp(List<String> frames) {
        catchUp.start(frames);
    }

    private void write(String frame) {
        if (batching && flushQueued.compareAndSet(false, true)) {
            startBatch();
        }
        int chars = frame.length();
        if (backlog.queued(chars, System.nanoTime())) {
            stalls.watch(this);
        }
        try {
            remote.sendText(frame, result -> written(chars));
        } catch (IllegalStateException closedMeanwhile) {
            written(chars);
        }
    }

    private void written(int chars) {
        backlog.written(chars);
        catchUp.written();
    }

    /**
     * Batching stays on only until the flush: while it is on, Undertow's own frames (the answer to a
     * close handshake) wait for an explicit flush too.
     */
    private void startBatch() {
        try {
            remote.setBatchingAllowed(true);
        } catch (IOException e) {
            LOG.debugf("Socket %s writes this frame on its own: %s", session.getId(), e);
        }
        ioThread.execute(flush);
    }

    private void flushBatch() {
        flushQueued.set(false);
        writeBatch();
    }

    private void writeBatch() {
        try {
            remote.setBatchingAllowed(false);
            remote.flushBatch();
        } catch (IOException e) {
            LOG.debugf("Could not write to socket %s: %s", session.getId(), e);
        }
    }

    /** Before a blocking send or a close: they must not wait for a batch flush. */
    private void stopBatching() {
        if (batching) {
            batching = false;
            writeBatch();
        }
    }

    /**
     * After {@code sender} queued a frame here: stops reading {@code sender} while this socket has too
     * much not yet written (see {@link SendBacklog}).
     *
     * @return whether {@code sender} is now held
     */
    boolean pushBack(SignalingSocket sender) {
        return backlog.holdIfBackedUp(sender.reads);
    }

    /** What pauses reading this socket, for a backlog elsewhere (another node's) to hold. */
    ReadSwitch reads() {
        return reads;
    }

    /** Whether this socket is backed up (SendBacklog): a sender that cannot be paused must retry later. */
    boolean backedUp() {
        return backlog.backedUp();
    }

    /** @see SendBacklog#stallCheck */
    long stallCheck(long nowNanos, long stallNanos) {
        return backlog.stallCheck(nowNanos, stallNanos);
    }

    /** The socket closed: whoever it held is read again. */
    void closed() {
        backlog.closed();
    }

    /**
     * Its member stopped reading: the connection is dropped without a closing handshake, which
     * could never reach a reader that does not read (RFC 6455 §7.1.7, Fail the WebSocket Connection).
     */
    void abandon() {
        backlog.closed();
        UndertowSockets.forceClose(session);
    }

    /** Sends the reply, then closes the socket when the reply says so. */
    void reply(Reply reply) {
        if (!reply.closesSocket()) {
            send(reply.frame());
            return;
        }
        stopBatching();
        try {
            // Synchronously, so the error is on the wire before the close frame.
            session.getBasicRemote().sendText(reply.frame());
        } catch (IOException | IllegalStateException e) {
            LOG.debugf("Could not send the error to socket %s: %s", session.getId(), e);
        }
        close(reply.closeCode(), "protocol error");
    }

    void close(int code, String reason) {
        stopBatching();
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            LOG.debugf("Socket %s did not close cleanly: %s", session.getId(), e);
        }
    }

    @Override
    public String toString() {
        return "socket " + session.getId();
    }
}
