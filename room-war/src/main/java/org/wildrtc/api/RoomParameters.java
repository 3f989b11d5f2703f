package org.wildrtc.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The room parameters AppRTC clients read. AppRTC wrote several of them as JSON text inside a
 * string (it used {@code json.dumps}); Android clients parse them that way, so we do the same.
 */
public final class RoomParameters {

    private RoomParameters() {
    }

    /** What {@code GET /params} answers: the parameters that do not depend on a client. */
    public static JsonObject forAnyClient(JsonArray iceServers, SignalingUrls signaling) {
        return common(iceServers, signaling).build();
    }

    static JsonObjectBuilder common(JsonArray iceServers, SignalingUrls signaling) {
        return Json.createObjectBuilder()
                .add("header_message", "")
                .add("error_messages", Json.createArrayBuilder())
                .add("warning_messages", Json.createArrayBuilder())
                .add("is_loopback", "false")
                .add("pc_config", peerConnectionConfig(iceServers).toString())
                .add("pc_constraints", Json.createObjectBuilder()
                        .add("optional", Json.createArrayBuilder()).build().toString())
                .add("offer_options", "{}")
                .add("media_constraints", Json.createObjectBuilder()
                        .add("audio", true).add("video", true).build().toString())
                .add("wss_url", signaling.webSocket())
                .add("wss_post_url", signaling.httpBase());
    }

    /** The RTCPeerConnection configuration. */
    static JsonObject peerConnectionConfig(JsonArray iceServers) {
        return Json.createObjectBuilder()
                .add("iceServers", iceServers)
                .add("bundlePolicy", "max-bundle")
                .add("rtcpMuxPolicy", "require")
                .build();
    }
}
