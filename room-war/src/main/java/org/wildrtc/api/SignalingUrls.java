package org.wildrtc.api;

import java.net.URI;

/**
 * Where clients reach the signaling server, derived from the URL they used for the room API, so
 * https pages get wss (browsers refuse mixed content).
 *
 * @param webSocket the Collider-style WebSocket ({@code wss_url})
 * @param httpBase  the base of the Collider-style POST/DELETE side ({@code wss_post_url})
 */
public record SignalingUrls(String webSocket, String httpBase) {

    public static SignalingUrls from(URI requestBase) {
        boolean secure = "https".equalsIgnoreCase(requestBase.getScheme());
        String authority = requestBase.getRawAuthority();
        return new SignalingUrls((secure ? "wss://" : "ws://") + authority + "/ws",
                (secure ? "https://" : "http://") + authority);
    }
}
