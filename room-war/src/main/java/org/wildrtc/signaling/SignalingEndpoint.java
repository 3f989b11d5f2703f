package org.wildrtc.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jboss.logging.Logger;

/** The Collider-compatible signaling WebSocket at {@code /ws}. */
@ServerEndpoint("/ws")
public class SignalingEndpoint {
    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class);
    /** The container's own cap on what it buffers; the protocol's smaller limit gets a readable error first. */
    private static final int MAX_BUFFERED_BYTES = 4 * SignalingProtocol.MAX_FRAME_CHARS;

    @OnMessage(maxMessageSize = MAX_BUFFERED_BYTES)
    public void onText(Session session, String text) throws IOException {
        send(session, SignalingProtocol.handle(text));
    }

    @OnMessage(maxMessageSize = MAX_BUFFERED_BYTES)
    public void onBinary(Session session, ByteBuffer data) throws IOException {
        send(session, Reply.fatal("Invalid message: binary frames are not supported"));
    }

    @OnError
    public void onError(Session session, Throwable error) {
        LOG.debugf("Signaling socket %s failed: %s", session.getId(), error.toString());
    }

    private static void send(Session session, Reply reply) throws IOException {
        session.getBasicRemote().sendText(reply.frame());
        if (reply.closesSocket()) {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(reply.closeCode()), "invalid message"));
        }
    }
}
