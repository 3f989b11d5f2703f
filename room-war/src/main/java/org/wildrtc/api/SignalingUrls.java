package org.wildrtc.api;

/**
 * Where clients reach the signaling server: the Collider-style WebSocket ({@code wss_url}) and the
 * base of its HTTP side ({@code wss_post_url}), on the origin the client used.
 */
public record SignalingUrls(String webSocket, String httpBase) {
    /** Where ColliderResource lives. */
    static final String HTTP_PATH = "/signaling";

    public static SignalingUrls of(PublicOrigin origin) {
        return new SignalingUrls(origin.webSocket() + "/ws", origin.http() + HTTP_PATH);
    }
}
