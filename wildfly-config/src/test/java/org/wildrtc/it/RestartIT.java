package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rooms live in the H2 file database: a full server restart (a new JVM) keeps them and what waits in them. */
class RestartIT extends RunningServerTest {
    @Test
    void aRoomAndItsQueuedMessagesSurviveARestart() throws Exception {
        String room = Rooms.fresh("restart");
        Rooms.Joined before = Rooms.join(room);
        assertEquals("true", before.params().getString("is_initiator"));
        TestServer.post("/message/" + room + "/" + before.clientId(), "{\"type\":\"offer\",\"sdp\":\"v=0\"}");

        controller.stop(TestServer.CONTAINER);
        controller.start(TestServer.CONTAINER);

        // The room still holds its first member and its offer, so the next client answers it.
        Rooms.Joined after = Rooms.join(room);
        assertEquals("false", after.params().getString("is_initiator"));
        assertEquals(List.of(before.peerId()), after.params().getJsonArray("peers").getValuesAs(JsonString::getString));
        assertEquals(List.of("{\"type\":\"offer\",\"sdp\":\"v=0\"}"),
                after.params().getJsonArray("messages").getValuesAs(JsonString::getString));
        assertEquals("FULL", Json.object(TestServer.post("/join/" + room).body()).getString("result"));
        // and the first member may still speak for itself
        assertEquals("{\"result\":\"SUCCESS\"}", TestServer.post("/message/" + room + "/" + before.clientId(), "hi").body());
    }
}
