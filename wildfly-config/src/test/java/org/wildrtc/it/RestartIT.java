package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rooms live in the H2 file database: a full server restart (a new JVM) keeps them. */
class RestartIT extends RunningServerTest {
    @Test
    void aRoomWrittenBeforeARestartIsReadAfterIt() throws Exception {
        String room = "restart-" + UUID.randomUUID();
        JsonObject before = Json.object(TestServer.post("/join/" + room).body());
        assertEquals("true", before.getJsonObject("params").getString("is_initiator"));

        controller.stop(TestServer.CONTAINER);
        controller.start(TestServer.CONTAINER);

        // The room still holds its first member, so the next client is not the initiator.
        JsonObject after = Json.object(TestServer.post("/join/" + room).body());
        assertEquals("SUCCESS", after.getString("result"));
        assertEquals("false", after.getJsonObject("params").getString("is_initiator"));
        assertEquals("FULL", Json.object(TestServer.post("/join/" + room).body()).getString("result"));
    }
}
