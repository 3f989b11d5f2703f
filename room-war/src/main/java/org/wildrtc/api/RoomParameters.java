package org.wildrtc.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.room.JoinOutcome;
import org.wildrtc.room.MemberView;

/**
 * The room parameters AppRTC clients read (docs/protocols.md §1). AppRTC wrote several of them as JSON
 * text inside a string (it used {@code json.dumps}); Android clients parse them that way, so we do
 * the same. WildRTC's own additions (docs/api.md) are plain JSON.
 */
public final class RoomParameters {

    private RoomParameters() {
    }

    /** What {@code GET /params} answers: the parameters that do not depend on a member. */
    public static JsonObject forAnyClient(JsonArray iceServers, RequestContext request) {
        return common(iceServers, request).build();
    }

    /** The {@code params} of a successful {@code /join}. */
    public static JsonObject forMember(String roomId, JoinOutcome joined, JsonArray iceServers, RequestContext request) {
        JsonArrayBuilder peers = JsonBuilders.array();
        joined.peers().stream().map(MemberView::peerId).forEach(peers::add);
        return common(iceServers, request)
                .add("room_id", roomId)
                .add("room_link", request.roomLink(roomId))
                .add("client_id", joined.self().clientId())
                .add("is_initiator", Boolean.toString(joined.initiator()))
                .add("messages", JsonBuilders.array(joined.messages()))
                .add("peer_id", joined.self().peerId())
                .add("peers", peers)
                .add("room_mode", joined.mode().wireName())
                .add("room_capacity", joined.capacity())
                .add("ice_servers", iceServers)
                .build();
    }

    static JsonObjectBuilder common(JsonArray iceServers, RequestContext request) {
        SignalingUrls signaling = SignalingUrls.of(request.origin());
        return JsonBuilders.object()
                .add("header_message", "")
                .add("error_messages", JsonBuilders.array())
                .add("warning_messages", JsonBuilders.array())
                .add("is_loopback", "false")
                .add("bypass_join_confirmation", "false")
                .add("include_loopback_js", "")
                .add("pc_config", peerConnectionConfig(iceServers, request.query("it")).toString())
                .add("pc_constraints", JsonBuilders.object()
                        .add("optional", JsonBuilders.array()).build().toString())
                .add("offer_options", "{}")
                .add("media_constraints", JsonBuilders.object()
                        .add("audio", !"false".equals(request.query("audio")))
                        .add("video", !"false".equals(request.query("video"))).build().toString())
                .add("version_info", JsonBuilders.object()
                        .add("gitHash", "").add("branch", "").add("time", "").build().toString())
                .add("wss_url", signaling.webSocket())
                .add("wss_post_url", signaling.httpBase())
                .add("ice_server_url", request.iceServerUrl())
                .add("ice_server_transports", "");
    }

    /**
     * The RTCPeerConnection configuration; {@code ?it=relay} forces relay candidates, under the name
     * AppRTC used ({@code iceTransports}) and the standard one ({@code iceTransportPolicy}).
     */
    static JsonObject peerConnectionConfig(JsonArray iceServers, String iceTransports) {
        JsonObjectBuilder config = JsonBuilders.object()
                .add("iceServers", iceServers)
                .add("bundlePolicy", "max-bundle")
                .add("rtcpMuxPolicy", "require");
        if ("relay".equals(iceTransports) || "all".equals(iceTransports)) {
            config.add("iceTransports", iceTransports).add("iceTransportPolicy", iceTransports);
        }
        return config.build();
    }
}
