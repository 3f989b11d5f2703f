package org.wildrtc.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.wildrtc.config.RoomSettings;

/**
 * The scheme and host clients used to reach us, as URLs we hand out must use them: behind a TLS
 * proxy the request arrives as http, but the page is https and browsers refuse ws:// from it.
 * {@code wildrtc.public-url} names it outright; else {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} win when they hold sane values and come from a trusted proxy
 * ({@code wildrtc.trusted-proxies}); else the request's own scheme and {@code Host}.
 *
 * @param secure    https (and so wss)
 * @param authority host and port
 */
public record PublicOrigin(boolean secure, String authority) {
    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

    static PublicOrigin of(UriInfo uri, HttpHeaders headers, String remoteAddress, RoomSettings settings) {
        if (settings.publicUrl() != null) {
            return settings.publicUrl();
        }
        if (!settings.trustedProxies().trusts(remoteAddress)) {
            return of(uri.getBaseUri(), null, null);
        }
        return of(uri.getBaseUri(), headers.getHeaderString("X-Forwarded-Proto"),
                headers.getHeaderString("X-Forwarded-Host"));
    }

    static PublicOrigin of(URI base, String forwardedProto, String forwardedHost) {
        String proto = first(forwardedProto);
        boolean secure = "https".equalsIgnoreCase(proto == null ? base.getScheme() : proto);
        String host = forwardedAuthority(forwardedHost);
        return new PublicOrigin(secure, host != null ? host : base.getRawAuthority());
    }

    /** The client's own value of an {@code X-Forwarded-Host} header when it is a sane authority, else null. */
    static String forwardedAuthority(String forwardedHost) {
        String host = first(forwardedHost);
        return host != null && AUTHORITY.matcher(host).matches() ? host : null;
    }

    /**
     * {@code wildrtc.public-url}: {@code http} or {@code https}, a host, maybe a port, and no path
     * but {@code /}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static PublicOrigin parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the scheme is not http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getPort() > 65_535
                || !AUTHORITY.matcher(uri.getRawAuthority()).matches()) {
            throw new IllegalArgumentException("it names no host with an optional port, or a user too");
        }
        if (!(uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("it has a path, query or fragment: the application is at /");
        }
        return new PublicOrigin(scheme.equals("https"), uri.getRawAuthority());
    }

    /** {@code https://host:port} */
    public String http() {
        return (secure ? "https://" : "http://") + authority;
    }

    /** {@code wss://host:port} */
    public String webSocket() {
        return (secure ? "wss://" : "ws://") + authority;
    }

    /** The host without its port, an IPv6 literal in brackets: what STUN and TURN URIs name (RFC 7064 §3.1). */
    public String host() {
        int colon = authority.lastIndexOf(':');
        return colon < 0 || colon < authority.lastIndexOf(']') ? authority : authority.substring(0, colon);
    }

    /** Proxies append to these headers; the first value is what the client sent. */
    static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
