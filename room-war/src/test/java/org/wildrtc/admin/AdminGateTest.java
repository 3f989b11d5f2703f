package org.wildrtc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.config.RoomSettings;

class AdminGateTest {

    @AfterEach
    void clear() {
        System.clearProperty("wildrtc.trusted-proxies");
    }

    @Test
    void plainHttpIs403BeforeAnyCredentialIsAskedFor() throws Exception {
        Exchange exchange = new Exchange(false, "198.51.100.7", Map.of("X-Forwarded-Proto", "https"), null);
        gate().doFilter(exchange.request(), exchange.response(), (req, res) -> exchange.passed = true);
        assertEquals(403, exchange.status);
        assertEquals("{\"error\":\"The admin API answers over HTTPS only\"}", exchange.body.toString());
        assertEquals("application/json", exchange.contentType);
        assertFalse(exchange.authenticateAsked, "a stranger's X-Forwarded-Proto counts for nothing");
        assertFalse(exchange.passed);
    }

    @Test
    void behindATrustedProxyThatEndedTlsTheAdminIsLetThrough() throws Exception {
        Exchange exchange = new Exchange(false, "127.0.0.1", Map.of("X-Forwarded-Proto", "https"), "ops");
        gate().doFilter(exchange.request(), exchange.response(), (req, res) -> exchange.passed = true);
        assertTrue(exchange.authenticateAsked);
        assertTrue(exchange.passed);
    }

    @Test
    void withoutCredentialsThe401ChallengesAndAUserWithoutTheRoleIs403() throws Exception {
        Exchange challenged = new Exchange(true, "192.0.2.1", Map.of(), null);
        gate().doFilter(challenged.request(), challenged.response(), (req, res) -> challenged.passed = true);
        assertTrue(challenged.authenticateAsked);
        assertFalse(challenged.passed);
        assertEquals(0, challenged.status, "the mechanism's 401 and challenge stand");

        Exchange anonymous = new Exchange(true, "192.0.2.1", Map.of(), null);
        anonymous.mechanismAnswers = false;
        gate().doFilter(anonymous.request(), anonymous.response(), (req, res) -> anonymous.passed = true);
        assertFalse(anonymous.passed);
        assertEquals(401, anonymous.status);
        assertEquals("Basic realm=\"ApplicationRealm\", charset=\"UTF-8\"", anonymous.responseHeaders.get("WWW-Authenticate"));
        assertEquals("{\"error\":\"Credentials of an admin are needed\"}", anonymous.body.toString());

        Exchange user = new Exchange(true, "192.0.2.1", Map.of(), "guest");
        user.roles.clear();
        gate().doFilter(user.request(), user.response(), (req, res) -> user.passed = true);
        assertEquals(403, user.status);
        assertEquals("{\"error\":\"The user lacks the role wildrtc-admin\"}", user.body.toString());
        assertFalse(user.passed);
    }

    private static AdminGate gate() {
        System.setProperty("wildrtc.trusted-proxies", "127.0.0.1/32");
        AdminGate gate = new AdminGate();
        gate.settings = RoomSettings.fromSystemProperties();
        return gate;
    }

    /** A request as the container hands it over, and what the gate answered. */
    private static final class Exchange {
        final boolean secure;
        final String remoteAddress;
        final Map<String, String> headers;
        /** who authenticate() finds, null: nobody (the mechanism sent its challenge) */
        final String user;
        final List<String> roles = new ArrayList<>(List.of(AdminGate.ROLE));
        /** Undertow sends the challenge itself (true), or throws when it had already found no credentials */
        boolean mechanismAnswers = true;
        final Map<String, String> responseHeaders = new HashMap<>();
        boolean authenticateAsked;
        boolean passed;
        int status;
        String contentType;
        final StringWriter body = new StringWriter();

        Exchange(boolean secure, String remoteAddress, Map<String, String> headers, String user) {
            this.secure = secure;
            this.remoteAddress = remoteAddress;
            this.headers = headers;
            this.user = user;
        }

        HttpServletRequest request() {
            return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "isSecure" -> secure;
                        case "getRemoteAddr" -> remoteAddress;
                        case "getHeader" -> headers.get((String) args[0]);
                        case "authenticate" -> {
                            authenticateAsked = true;
                            if (user == null && !mechanismAnswers) {
                                throw new ServletException("UT010032: Authenticationfailed");
                            }
                            yield user != null;
                        }
                        case "getRemoteUser" -> user;
                        case "isUserInRole" -> user != null && roles.contains((String) args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        HttpServletResponse response() {
            return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "setContentType" -> {
                            contentType = (String) args[0];
                            yield null;
                        }
                        case "setCharacterEncoding" -> null;
                        case "setHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
                        case "getWriter" -> new PrintWriter(body, true);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
