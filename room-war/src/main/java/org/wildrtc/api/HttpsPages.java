package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.wildrtc.config.RoomSettings;

/**
 * Sends pages asked for over plain HTTP to HTTPS: browsers give camera and microphone only to secure
 * pages, and HSTS wants HTTPS. A filter rather than web.xml's transport guarantee, because behind a
 * reverse proxy that ends TLS the request reaches us as plain HTTP: only we know which proxies to
 * believe ({@code wildrtc.trusted-proxies}) and that {@code wildrtc.public-url} says the page is https
 * even when the proxy sends no {@code X-Forwarded-Proto} (the usual AppRTC nginx block does not).
 * Undertow's {@code proxy-address-forwarding} would believe any connection's headers.
 */
@WebFilter(filterName = "https-pages", urlPatterns = "/*")
public class HttpsPages extends HttpFilter {
    /**
     * The API and the signaling socket answer over plain HTTP too, for tools on the server's own
     * machine (curl, load clients, AppRTC-style clients in development); everything else is a page,
     * so a new page is redirected without being listed.
     */
    static final List<String> PLAIN_HTTP_PREFIXES =
            List.of("/join/", "/params", "/message/", "/leave/", "/signaling/", "/v1alpha/", "/ws");

    /**
     * The admin API refuses plain HTTP itself (admin/AdminGate, with a 403): a redirect would tell a
     * script to send its password again, and an admin to use http:// URLs.
     */
    static final String REFUSES_PLAIN_HTTP = "/admin/";

    @Inject
    RoomSettings settings;

    /** Where the HTTPS listener is: WildFly's {@code https} socket binding, with the port offset. */
    private int httpsPort;

    @Override
    public void init() {
        httpsPort = Integer.getInteger("jboss.https.port", 8443) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (reachedOverHttps(request, settings) || answersOverPlainHttp(path) || path.startsWith(REFUSES_PLAIN_HTTP)) {
            chain.doFilter(request, response);
            return;
        }
        boolean trusted = settings.trustedProxies().trusts(request.getRemoteAddr());
        String forwardedProto = trusted ? request.getHeader("X-Forwarded-Proto") : null;
        String forwardedHost = trusted ? request.getHeader("X-Forwarded-Host") : null;
        String asked = PublicOrigin.forwardedAuthority(forwardedHost);
        String query = request.getQueryString();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", httpsUrl(settings.publicUrl(),
                asked != null ? new PublicOrigin(false, asked).host() : request.getServerName(),
                forwardedProto != null || forwardedHost != null ? 443 : httpsPort,
                path + (query == null ? "" : "?" + query)));
    }

    /**
     * Whether the client used HTTPS: on our own HTTPS listener, or to a trusted proxy that ended TLS
     * (see {@link #forwardedSecure}).
     */
    public static boolean reachedOverHttps(HttpServletRequest request, RoomSettings settings) {
        return request.isSecure() || (settings.trustedProxies().trusts(request.getRemoteAddr())
                && forwardedSecure(request.getHeader("X-Forwarded-Proto"), settings.publicUrl()));
    }

    static boolean answersOverPlainHttp(String path) {
        return PLAIN_HTTP_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /**
     * Whether a plain HTTP request from a trusted proxy was https where the browser is: its
     * {@code X-Forwarded-Proto} says so, or, when it sends none, {@code wildrtc.public-url} is https.
     */
    static boolean forwardedSecure(String forwardedProto, PublicOrigin publicUrl) {
        String proto = PublicOrigin.first(forwardedProto);
        return proto == null ? publicUrl != null && publicUrl.secure() : proto.equalsIgnoreCase("https");
    }

    /**
     * The same page over HTTPS: at {@code wildrtc.public-url} when it is https, else on the host the
     * browser asked for, at the HTTPS port (443 behind a proxy, which ends TLS there).
     */
    static String httpsUrl(PublicOrigin publicUrl, String host, int port, String pathAndQuery) {
        if (publicUrl != null && publicUrl.secure()) {
            return publicUrl.http() + pathAndQuery;
        }
        String literal = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + literal + (port == 443 ? "" : ":" + port) + pathAndQuery;
    }
}
