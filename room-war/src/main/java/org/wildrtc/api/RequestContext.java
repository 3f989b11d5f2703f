package org.wildrtc.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.wildrtc.config.RoomSettings;

/**
 * What the room parameters take from the request: the public origin, the page's query (AppRTC
 * passes it on to {@code room_link} and reads {@code it}, {@code audio}, {@code video} from it) and
 * the ICE config key.
 *
 * @param rawQuery the query string as sent, or null
 */
public record RequestContext(PublicOrigin origin, String rawQuery, Map<String, String> query, String iceApiKey) {

    static RequestContext of(UriInfo uri, HttpHeaders headers, HttpServletRequest request, RoomSettings settings) {
        Map<String, String> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.get(0)));
        return new RequestContext(PublicOrigin.of(uri, headers, request.getRemoteAddr(), settings),
                uri.getRequestUri().getRawQuery(), query, settings.iceApiKey());
    }

    /**
     * Who sent the request, for limits kept per client: the connection's source address, or behind a
     * trusted proxy the client its {@code X-Forwarded-For} names.
     */
    static String clientAddress(HttpServletRequest request, RoomSettings settings) {
        return settings.trustedProxies().client(request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The host for the STUN and TURN URIs: the one the browser reached the page by. */
    String iceHost() {
        return origin.host();
    }

    String query(String name) {
        return query.get(name);
    }

    String roomLink(String roomId) {
        return origin.http() + "/r/" + roomId + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    String iceServerUrl() {
        return origin.http() + IceConfigResource.PATH + "?key=" + iceApiKey;
    }
}
