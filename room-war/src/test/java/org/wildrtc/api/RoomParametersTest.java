package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wildrtc.room.JoinOutcome;
import org.wildrtc.room.MemberView;
import org.wildrtc.room.RoomMode;

class RoomParametersTest {
    private static final JsonArray ICE_SERVERS = Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("urls", Json.createArrayBuilder().add("stun:127.0.0.1:3478")))
            .build();

    @Test
    void httpsPagesGetSecureSignalingUrls() {
        assertEquals(new SignalingUrls("wss://rtc.example.org:8443/ws", "https://rtc.example.org:8443/signaling"),
                SignalingUrls.of(new PublicOrigin(true, "rtc.example.org:8443")));
        assertEquals(new SignalingUrls("ws://127.0.0.1:8080/ws", "http://127.0.0.1:8080/signaling"),
                SignalingUrls.of(new PublicOrigin(false, "127.0.0.1:8080")));
    }

    @Test
    void pcConfigIsJsonTextCarryingTheIceServers() {
        JsonObject params = RoomParameters.forAnyClient(ICE_SERVERS, request(null, Map.of()));
        JsonObject pcConfig = json(params.getString("pc_config"));
        assertEquals(ICE_SERVERS, pcConfig.getJsonArray("iceServers"));
        assertEquals("max-bundle", pcConfig.getString("bundlePolicy"));
        assertFalse(pcConfig.containsKey("iceTransports"));
        assertEquals("false", params.getString("is_loopback"));
        assertEquals("{\"audio\":true,\"video\":true}", params.getString("media_constraints"));
        assertEquals("wss://localhost:8443/ws", params.getString("wss_url"));
        assertEquals("https://localhost:8443/signaling", params.getString("wss_post_url"));
        assertEquals("https://localhost:8443/v1alpha/iceconfig?key=k3y", params.getString("ice_server_url"));
        assertEquals("", params.getString("ice_server_transports"));
    }

    @Test
    void relayOnlyAndMediaChoicesComeFromTheQuery() {
        JsonObject params = RoomParameters.forAnyClient(ICE_SERVERS, request("it=relay&video=false",
                Map.of("it", "relay", "video", "false")));
        JsonObject pcConfig = json(params.getString("pc_config"));
        assertEquals("relay", pcConfig.getString("iceTransports"));
        assertEquals("relay", pcConfig.getString("iceTransportPolicy"));
        assertEquals("{\"audio\":true,\"video\":false}", params.getString("media_constraints"));
    }

    @Test
    void aJoinedMemberGetsAppRtcsFieldsAndOurs() {
        JoinOutcome joined = new JoinOutcome(JoinOutcome.Status.SUCCESS, RoomMode.MESH, 6,
                new MemberView("secret-client", "peer-3"),
                List.of(new MemberView("c1", "peer-1"), new MemberView("c2", "peer-2")), List.of("{\"type\":\"offer\"}"));
        JsonObject params = RoomParameters.forMember("team", joined, ICE_SERVERS, request("mode=mesh", Map.of("mode", "mesh")));
        assertEquals("team", params.getString("room_id"));
        assertEquals("https://localhost:8443/r/team?mode=mesh", params.getString("room_link"));
        assertEquals("secret-client", params.getString("client_id"));
        assertEquals("false", params.getString("is_initiator"));
        assertEquals(List.of("{\"type\":\"offer\"}"), params.getJsonArray("messages").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals("peer-3", params.getString("peer_id"));
        assertEquals(Json.createArrayBuilder().add("peer-1").add("peer-2").build(), params.getJsonArray("peers"));
        assertEquals("mesh", params.getString("room_mode"));
        assertEquals(6, params.getInt("room_capacity"));
        assertEquals(ICE_SERVERS, params.getJsonArray("ice_servers"));
        // no client id of another member leaks
        assertFalse(params.toString().contains("\"c1\""));
    }

    @Test
    void forwardedHeadersNameThePublicOrigin() {
        URI base = URI.create("http://127.0.0.1:8080/");
        assertEquals(new PublicOrigin(false, "127.0.0.1:8080"), PublicOrigin.of(base, null, null));
        assertEquals(new PublicOrigin(true, "rtc.example.org"), PublicOrigin.of(base, "https", "rtc.example.org"));
        assertEquals(new PublicOrigin(true, "rtc.example.org:443"),
                PublicOrigin.of(base, "https, http", "rtc.example.org:443, proxy.internal"));
        assertEquals(new PublicOrigin(true, "[::1]:8443"), PublicOrigin.of(base, "https", "[::1]:8443"));
        // a header that is not a host name is ignored rather than pasted into URLs
        assertEquals(new PublicOrigin(false, "127.0.0.1:8080"), PublicOrigin.of(base, null, "evil.org/\"><script>"));
    }

    private static RequestContext request(String rawQuery, Map<String, String> query) {
        return new RequestContext(new PublicOrigin(true, "localhost:8443"), rawQuery, query, "k3y");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
