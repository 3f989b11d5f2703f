package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpsPagesTest {
    private static final PublicOrigin HTTPS_SITE = PublicOrigin.parse("https://meet.example.org");

    @Test
    void theApiAndTheSignalingSocketAnswerOverPlainHttpAndEveryOtherPathIsAPage() {
        for (String api : new String[] {"/join/r1", "/params", "/message/r1/c1", "/leave/r1/c1", "/signaling/status",
                "/v1alpha/iceconfig", "/ws"}) {
            assertTrue(HttpsPages.answersOverPlainHttp(api), api);
        }
        for (String page : new String[] {"/", "/r/r1", "/js/main.js", "/css/main.css", "/images/logo.svg", "/new-page"}) {
            assertFalse(HttpsPages.answersOverPlainHttp(page), page);
        }
    }

    @Test
    void theAdminApiIsNoPageNorPlainHttpApi() {
        assertFalse(HttpsPages.answersOverPlainHttp("/admin/drain"));
        assertTrue("/admin/drain".startsWith(HttpsPages.REFUSES_PLAIN_HTTP));
    }

    @Test
    void aTrustedProxysForwardedSchemeDecidesAndWithoutOneThePublicUrlDoes() {
        assertTrue(HttpsPages.forwardedSecure("https", null));
        assertTrue(HttpsPages.forwardedSecure("HTTPS, http", null));
        assertFalse(HttpsPages.forwardedSecure("http", HTTPS_SITE), "the proxy says the browser used http");
        // the AppRTC tutorials' nginx block sends no X-Forwarded-Proto
        assertTrue(HttpsPages.forwardedSecure(null, HTTPS_SITE));
        assertFalse(HttpsPages.forwardedSecure(null, PublicOrigin.parse("http://meet.example.org")));
        assertFalse(HttpsPages.forwardedSecure(null, null), "a laptop's browser on http://localhost:8080");
    }

    @Test
    void theRedirectGoesToThePublicUrlOrToTheHostAskedForOnTheHttpsPort() {
        assertEquals("https://meet.example.org/r/r1?mode=mesh",
                HttpsPages.httpsUrl(HTTPS_SITE, "10.0.0.5", 8443, "/r/r1?mode=mesh"));
        assertEquals("https://localhost:8443/", HttpsPages.httpsUrl(null, "localhost", 8443, "/"));
        assertEquals("https://meet.example.org/", HttpsPages.httpsUrl(null, "meet.example.org", 443, "/"));
        assertEquals("https://[::1]:8443/", HttpsPages.httpsUrl(null, "::1", 8443, "/"));
        assertEquals("https://[::1]:8443/", HttpsPages.httpsUrl(null, "[::1]", 8443, "/"));
        assertEquals("https://localhost:8443/", HttpsPages.httpsUrl(PublicOrigin.parse("http://meet.example.org"),
                "localhost", 8443, "/"), "an http public URL is no place to send a page to HTTPS");
    }
}
