package org.wildrtc.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Security headers on every answer of the WAR: the call page, its scripts and styles, and the API.
 * A servlet filter in the WAR rather than Undertow response-header filters in the CLI scripts: the
 * policy describes this client (what its page loads), so it ships and changes with it, holds in an
 * admin's own WildFly without one more script, and leaves other deployments of the server alone.
 * Sending plain HTTP pages to HTTPS is {@link HttpsPages}'.
 */
@WebFilter(filterName = "security-headers", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {
    /**
     * Only this origin's files: no inline script or style (the page has none), no plugins, no
     * {@code <base>}, forms only to this origin, and no framing by any page (clickjacking). The
     * signaling WebSocket is covered: CSP Level 3 lets {@code 'self'} match {@code wss:} on the
     * page's host and port.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** A year, the usual span (browsers' preload list wants no less); subdomains are left to their own servers. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HEADERS.forEach(response::setHeader);
        if (strictTransport(request.isSecure(), request.getServerName())) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        chain.doFilter(request, response);
    }

    /**
     * HSTS only over HTTPS (RFC 6797 §7.2), and never for localhost: browsers would then force HTTPS
     * on every web server of the machine, on any port, for a year (HSTS is per host, RFC 6797 §8.3;
     * RFC 6761 §6.3 names localhost and the names under it).
     */
    static boolean strictTransport(boolean secure, String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return secure && !name.equals("localhost") && !name.endsWith(".localhost");
    }
}
