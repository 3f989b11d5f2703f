package org.wildrtc.admin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.wildrtc.api.HttpsPages;
import org.wildrtc.config.RoomSettings;

/**
 * Lets through to {@code /admin/} only an admin over HTTPS, in this order: a request that did not reach
 * us over HTTPS (directly, or through a trusted proxy that ended TLS) gets 403 before any credentials
 * are looked at, so none are asked for in the clear; then HTTP Basic (RFC 7617) against the deployment's
 * security domain (WildFly's {@code other}: ApplicationRealm) answers 401 with its challenge when the
 * credentials are missing or wrong; then a user without the {@value #ROLE} role gets 403.
 * Checked here rather than by a web.xml security-constraint, which would challenge before the
 * HTTPS check could refuse; the login-config only names the mechanism, so the rest of the
 * application (pages, {@code /join}, {@code /ws}) is never challenged.
 */
@WebFilter(filterName = "admin-gate", urlPatterns = "/admin/*")
public class AdminGate extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AdminGate.class);
    static final String ROLE = "wildrtc-admin";
    /** The realm web.xml's login-config names, and ApplicationRealm's users are in. */
    static final String REALM = "ApplicationRealm";

    @Inject
    RoomSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!HttpsPages.reachedOverHttps(request, settings)) {
            refuse(response, "The admin API answers over HTTPS only");
            return;
        }
        if (!authenticated(request, response)) {
            return;
        }
        if (!request.isUserInRole(ROLE)) {
            LOG.infof("Admin API refused to user %s, who lacks the role %s", request.getRemoteUser(), ROLE);
            refuse(response, "The user lacks the role " + ROLE);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether the request carries an admin's valid credentials; if not, the 401 is answered. Undertow
     * answers it itself only when the mechanism sent a challenge; when it had already looked at the
     * request (as it does on every request once a login-config is there) and found no or wrong
     * credentials, it throws instead, and the challenge is ours to send (RFC 7617 §2).
     */
    private static boolean authenticated(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            return request.authenticate(response);
        } catch (ServletException failed) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            answer(response, HttpServletResponse.SC_UNAUTHORIZED, "Credentials of an admin are needed");
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        answer(response, HttpServletResponse.SC_FORBIDDEN, message);
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(AdminError.body(message).toString());
    }
}
