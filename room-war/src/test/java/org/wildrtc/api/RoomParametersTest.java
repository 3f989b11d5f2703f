package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RoomParametersTest {

    @Test
    void httpsPagesGetSecureSignalingUrls() {
        assertEquals(new SignalingUrls("wss://rtc.example.org:8443/ws", "https://rtc.example.org:8443"),
                SignalingUrls.from(URI.create("https://rtc.example.org:8443/")));
        assertEquals(new SignalingUrls("ws://127.0.0.1:8080/ws", "http://127.0.0.1:8080"),
                SignalingUrls.from(URI.create("http://127.0.0.1:8080/")));
    }

    @Test
    void pcConfigIsJsonTextCarryingTheIceServers() {
        JsonArray iceServers = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("urls", Json.createArrayBuilder().add("stun:127.0.0.1:3478")))
                .build();
        JsonObject params = RoomParameters.forAnyClient(iceServers,
                SignalingUrls.from(URI.create("https://localhost:8443/")));
        JsonObject pcConfig = Json.createReader(new StringReader(params.getString("pc_config"))).readObject();
        assertEquals(iceServers, pcConfig.getJsonArray("iceServers"));
        assertEquals("max-bundle", pcConfig.getString("bundlePolicy"));
        assertEquals("false", params.getString("is_loopback"));
        assertEquals("{\"audio\":true,\"video\":true}", params.getString("media_constraints"));
        assertEquals("wss://localhost:8443/ws", params.getString("wss_url"));
    }
}
