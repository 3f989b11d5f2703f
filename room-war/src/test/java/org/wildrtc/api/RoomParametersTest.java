package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
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
    void pcConfigIsJsonTextWithUrlsAsAnArray() {
        JsonObject params = RoomParameters.forAnyClient(List.of("stun:127.0.0.1:3478"),
                SignalingUrls.from(URI.create("https://localhost:8443/")));
        JsonObject pcConfig = Json.createReader(new StringReader(params.getString("pc_config"))).readObject();
        assertEquals("stun:127.0.0.1:3478",
                pcConfig.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls").getString(0));
        assertEquals("max-bundle", pcConfig.getString("bundlePolicy"));
        assertEquals("false", params.getString("is_loopback"));
        assertEquals("{\"audio\":true,\"video\":true}", params.getString("media_constraints"));
        assertEquals("wss://localhost:8443/ws", params.getString("wss_url"));
    }

    @Test
    void noStunServerMeansAnEmptyIceServerList() {
        JsonObject params = RoomParameters.forAnyClient(List.of(), SignalingUrls.from(URI.create("https://h/")));
        assertEquals("{\"iceServers\":[],\"bundlePolicy\":\"max-bundle\",\"rtcpMuxPolicy\":\"require\"}",
                params.getString("pc_config"));
    }
}
