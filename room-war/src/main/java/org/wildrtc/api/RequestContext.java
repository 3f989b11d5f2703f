package org.wildrtc.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * What the room parameters take from the request: the public origin, the page's query (AppRTC
 * passes it on to {@code room_link} and reads {@code it}, {@code audio}, {@code video} from it) and
 * the ICE config key.
 *
 * @param rawQuery the query string as sent, or null
 */
public record RequestContext(PublicOrigin origin, String rawQuery, Map<String, String> query, String iceApiKey) {

    static RequestContext of(UriInfo uri, HttpHeaders headers, String iceApiKey) {
        Map<String, String> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.get(0)));
        return new RequestContext(PublicOrigin.of(uri, headers), uri.getRequestUri().getRawQuery(), query, iceApiKey);
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
