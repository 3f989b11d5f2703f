package org.wildrtc.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The scheme and host clients used to reach us, as URLs we hand out must use them: behind a TLS
 * proxy the request arrives as http, but the page is https and browsers refuse ws:// from it.
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} win when they hold sane values.
 *
 * @param secure    https (and so wss)
 * @param authority host and port
 */
public record PublicOrigin(boolean secure, String authority) {
    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

    public static PublicOrigin of(UriInfo uri, HttpHeaders headers) {
        return of(uri.getBaseUri(), headers.getHeaderString("X-Forwarded-Proto"),
                headers.getHeaderString("X-Forwarded-Host"));
    }

    static PublicOrigin of(URI base, String forwardedProto, String forwardedHost) {
        String proto = first(forwardedProto);
        boolean secure = "https".equalsIgnoreCase(proto == null ? base.getScheme() : proto);
        String host = first(forwardedHost);
        return new PublicOrigin(secure, host != null && AUTHORITY.matcher(host).matches() ? host : base.getRawAuthority());
    }

    /** {@code https://host:port} */
    public String http() {
        return (secure ? "https://" : "http://") + authority;
    }

    /** {@code wss://host:port} */
    public String webSocket() {
        return (secure ? "wss://" : "ws://") + authority;
    }

    /** Proxies append to these headers; the first value is what the client sent. */
    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
