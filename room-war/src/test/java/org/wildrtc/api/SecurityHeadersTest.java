package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
    /** What a policy without 'unsafe-inline' blocks: inline scripts, event handlers, style elements and attributes. */
    private static final List<Pattern> INLINE = List.of(
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
            Pattern.compile("<style", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

    @Test
    void strictTransportSecurityGoesOnlyOverHttpsAndNeverToLocalhost() {
        assertTrue(SecurityHeaders.strictTransport(true, "rtc.example.org"));
        assertTrue(SecurityHeaders.strictTransport(true, "127.0.0.1"));
        assertFalse(SecurityHeaders.strictTransport(false, "rtc.example.org"));
        assertFalse(SecurityHeaders.strictTransport(true, "localhost"));
        assertFalse(SecurityHeaders.strictTransport(true, "LocalHost"));
        assertFalse(SecurityHeaders.strictTransport(true, "app.localhost"));
    }

    @Test
    void thePolicyAllowsNothingInlineAndNoFraming() {
        String policy = SecurityHeaders.HEADERS.get("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'self';"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertEquals("nosniff", SecurityHeaders.HEADERS.get("X-Content-Type-Options"));
        assertEquals("no-referrer", SecurityHeaders.HEADERS.get("Referrer-Policy"));
    }

    @Test
    void theClientPageHasNothingInlineThePolicyWouldBlock() throws IOException {
        // src-webapp's page, as the WAR serves it (META-INF/resources of its jar)
        try (InputStream page = getClass().getResourceAsStream("/META-INF/resources/index.html")) {
            assertNotNull(page, "src-webapp's index.html is on the class path");
            String html = new String(page.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(html.contains("<script type=\"module\" src=\"/js/main.js\"></script>"), "the page's one script");
            for (Pattern inline : INLINE) {
                assertFalse(inline.matcher(html).find(), "the page has " + inline);
            }
        }
    }
}
