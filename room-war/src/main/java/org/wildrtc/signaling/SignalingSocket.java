package org.wildrtc.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import org.jboss.logging.Logger;

/** One signaling WebSocket and what it registered as. */
final class SignalingSocket {
    private static final Logger LOG = Logger.getLogger(SignalingSocket.class);
    private final Session session;
    private final RateLimit rateLimit;
    private final ReadSwitch reads;
    private final SendBacklog backlog = new SendBacklog();
    private final SendHandler written = result -> backlog.written();
    private volatile String roomId;
    private volatile String clientId;
    private volatile boolean events;

    SignalingSocket(Session session, RateLimit rateLimit, ReadSwitch.Reads reads) {
        this.session = session;
        this.rateLimit = rateLimit;
        this.reads = new ReadSwitch(reads);
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

    /** Called for each message the socket sends; one socket's messages arrive one at a time. */
    boolean withinRate() {
        return rateLimit.tryAcquire(System.nanoTime());
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** Queues the frame; senders on other sockets never wait for this client's network. */
    void send(String frame) {
        if (session.isOpen()) {
            backlog.queued();
            try {
                session.getAsyncRemote().sendText(frame, written);
            } catch (IllegalStateException closedMeanwhile) {
                backlog.written();
            }
        }
    }

    /**
     * After {@code sender} queued a frame here: stops reading {@code sender} while this socket has too
     * many frames not yet written (see {@link SendBacklog}).
     *
     * @return whether {@code sender} is now held
     */
    boolean pushBack(SignalingSocket sender) {
        return backlog.holdIfBackedUp(sender.reads);
    }

    /** The socket closed: whoever it held is read again. */
    void closed() {
        backlog.closed();
    }

    /** Sends the reply, then closes the socket when the reply says so. */
    void reply(Reply reply) {
        if (!reply.closesSocket()) {
            send(reply.frame());
            return;
        }
        try {
            // Synchronously, so the error is on the wire before the close frame.
            session.getBasicRemote().sendText(reply.frame());
        } catch (IOException | IllegalStateException e) {
            LOG.debugf("Could not send the error to socket %s: %s", session.getId(), e);
        }
        close(reply.closeCode(), "protocol error");
    }

    void close(int code, String reason) {
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
