package org.wildrtc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The room API and the client page over HTTPS, with the connector behind /params. */
class RoomApiIT extends RunningServerTest {
    @Test
    void paramsCarriesTheConnectorsStunAndTurnServersAndSecureSignalingUrls() throws Exception {
        HttpResponse<String> response = TestServer.get("/params");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonObject params = Json.object(response.body());
        JsonObject pcConfig = Json.object(params.getString("pc_config"));
        assertEquals("stun:127.0.0.1:" + TestServer.port("turn"),
                pcConfig.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls").getString(0));
        JsonObject turn = pcConfig.getJsonArray("iceServers").getJsonObject(1);
        assertEquals(List.of("turn:127.0.0.1:" + TestServer.port("turn") + "?transport=udp",
                        "turn:127.0.0.1:" + TestServer.port("turn") + "?transport=tcp",
                        "turns:127.0.0.1:" + TestServer.port("turns") + "?transport=tcp"),
                turn.getJsonArray("urls").getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(turn.getString("username").matches("\\d+:wildrtc"), turn.getString("username"));
        assertTrue(!turn.getString("credential").isEmpty());
        assertEquals("wss://localhost:" + TestServer.port("https") + "/ws", params.getString("wss_url"));
    }

    @Test
    void theClientPageAndItsStylesAreServed() throws Exception {
        HttpResponse<String> home = TestServer.get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("<title>WildRTC</title>"), home.body());
        assertEquals(home.body(), TestServer.get("/r/some-room").body());
        HttpResponse<String> css = TestServer.get("/css/main.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"));
        assertEquals(200, TestServer.get("/js/home.js").statusCode());
    }

    @Test
    void aRoomTakesTwoClientsTheFirstOfThemInitiator() throws Exception {
        String room = "room-" + UUID.randomUUID();
        JsonObject first = Json.object(TestServer.post("/join/" + room).body());
        JsonObject second = Json.object(TestServer.post("/join/" + room).body());
        JsonObject third = Json.object(TestServer.post("/join/" + room).body());

        assertEquals("SUCCESS", first.getString("result"));
        assertEquals("true", first.getJsonObject("params").getString("is_initiator"));
        assertEquals(room, first.getJsonObject("params").getString("room_id"));
        assertEquals("SUCCESS", second.getString("result"));
        assertEquals("false", second.getJsonObject("params").getString("is_initiator"));
        assertNotEquals(first.getJsonObject("params").getString("client_id"),
                second.getJsonObject("params").getString("client_id"));
        assertTrue(first.getJsonObject("params").getString("client_id").matches("[A-Za-z0-9_-]{22}"));
        assertEquals("FULL", third.getString("result"));
    }

    @Test
    void anInvalidRoomIdIsNotFound() throws Exception {
        assertEquals(404, TestServer.post("/join/bad%20room").statusCode());
        assertEquals(404, TestServer.get("/r/bad.room").statusCode());
    }
}
