package org.wildrtc.signaling;

import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.Session;
import org.jboss.logging.Logger;

/**
 * Pausing a socket's reads in Undertow, WildFly's WebSocket container: JSR-356 has no API for it.
 * Only {@link SendBacklog} uses it.
 */
final class UndertowReads {
    private static final Logger LOG = Logger.getLogger(UndertowReads.class);

    private UndertowReads() {
    }

    static ReadSwitch.Reads of(Session session) {
        if (session instanceof UndertowSession undertow) {
            WebSocketChannel channel = undertow.getWebSocketChannel();
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
        LOG.warnf("WebSocket sessions of %s cannot pause reading: a slow member's frames are held in memory"
                + " without bound", session.getClass().getName());
        return ReadSwitch.NONE;
    }
}
