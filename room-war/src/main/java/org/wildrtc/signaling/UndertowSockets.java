package org.wildrtc.signaling;

import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * What signaling needs from Undertow, WildFly's WebSocket container, beyond JSR-356: pausing a
 * socket's reads ({@link SendBacklog}), the socket's IO thread, to write a batch of frames once
 * ({@link SignalingSocket#send}), and dropping a connection whose reader stalled.
 */
final class UndertowSockets {
    private static final Logger LOG = Logger.getLogger(UndertowSockets.class);
    /** The container does not change while the application runs: saying it for every socket is noise. */
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private UndertowSockets() {
    }

    static ReadSwitch.Reads reads(Session session) {
        WebSocketChannel channel = channel(session);
        if (channel == null) {
            return ReadSwitch.NONE;
        }
        return new ReadSwitch.Reads() {
            @Override
            public void pause() {
                channel.suspendReceives();
            }

            @Override
            public void resume() {
                channel.resumeReceives();
            }
        };
    }

    /** Closes the connection at once, without waiting for a closing handshake or unwritten frames. */
    static void forceClose(Session session) {
        if (session instanceof UndertowSession undertow) {
            undertow.forceClose();
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "stopped reading"));
        } catch (IOException | IllegalStateException e) {
            LOG.debugf("Socket %s did not close cleanly: %s", session.getId(), e);
        }
    }

    /** The thread that reads and writes the socket; null outside Undertow. */
    static Executor ioThread(Session session) {
        WebSocketChannel channel = channel(session);
        return channel == null ? null : channel.getIoThread();
    }

    private static WebSocketChannel channel(Session session) {
        if (session instanceof UndertowSession undertow) {
            return undertow.getWebSocketChannel();
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.warnf("WebSocket sessions of %s are not Undertow's: a slow member's frames are held in memory without"
                    + " bound, and each frame is written on its own", session.getClass().getName());
        }
        return null;
    }
}
