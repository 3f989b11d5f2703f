package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The signaling WebSocket over wss. */
class SignalingIT extends RunningServerTest {
    private static URI ws() {
        return URI.create("wss://localhost:" + TestServer.port("https") + "/ws");
    }

    @Test
    void aWellFormedMessageComesBackInColliderShape() throws Exception {
        try (WebSocketClient client = new WebSocketClient(ws())) {
            client.send("{\"cmd\":\"echo\",\"msg\":\"{\\\"type\\\":\\\"bye\\\"}\"}");
            assertEquals("{\"msg\":\"{\\\"type\\\":\\\"bye\\\"}\",\"error\":\"\"}\n", client.nextFrame());
        }
    }

    @Test
    void aMalformedMessageGetsAnErrorAndTheSocketIsClosed() throws Exception {
        try (WebSocketClient client = new WebSocketClient(ws())) {
            client.send("{not json");
            assertEquals("{\"msg\":\"\",\"error\":\"Invalid message: not JSON\"}\n", client.nextFrame());
            assertEquals(1003, client.closeCode());
        }
    }

    @Test
    void anUnknownCommandGetsAnErrorAndTheSocketStaysUsable() throws Exception {
        try (WebSocketClient client = new WebSocketClient(ws())) {
            client.send("{\"cmd\":\"dance\"}");
            assertEquals("{\"msg\":\"\",\"error\":\"Invalid message: unexpected 'cmd'\"}\n", client.nextFrame());
            client.send("{\"cmd\":\"echo\",\"msg\":\"still here\"}");
            assertEquals("{\"msg\":\"still here\",\"error\":\"\"}\n", client.nextFrame());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void anOversizeFrameClosesTheSocketAndTheServerKeepsServing() throws Exception {
        try (WebSocketClient client = new WebSocketClient(ws())) {
            client.send("{\"cmd\":\"echo\",\"msg\":\"" + "x".repeat(100_000) + "\"}");
            assertEquals("{\"msg\":\"\",\"error\":\"Invalid message: longer than 65536 characters\"}\n",
                    client.nextFrame());
            assertEquals(1009, client.closeCode());
        }
        try (WebSocketClient client = new WebSocketClient(ws())) {
            client.send("{\"cmd\":\"echo\",\"msg\":\"after\"}");
            assertEquals("{\"msg\":\"after\",\"error\":\"\"}\n", client.nextFrame());
        }
    }
}
