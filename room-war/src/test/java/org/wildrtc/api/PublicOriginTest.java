package org.wildrtc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.net.TrustedProxies;

class PublicOriginTest {
    private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "rtc.example.org");

    @Test
    void forwardedHeadersCountFromATrustedProxy() {
        assertEquals(new PublicOrigin(true, "rtc.example.org"),
                PublicOrigin.of(uri("http://127.0.0.1:8080/"), headers(FORWARDED), "127.0.0.1", settings(null)));
        assertEquals(new PublicOrigin(true, "rtc.example.org"),
                PublicOrigin.of(uri("http://[::1]:8080/"), headers(FORWARDED), "::1", settings(null)));
    }

    @Test
    void forwardedHeadersFromAnyoneElseAreIgnored() {
        // a stranger cannot make us hand out its host, nor drop TLS
        assertEquals(new PublicOrigin(false, "meet.example.org:8080"),
                PublicOrigin.of(uri("http://meet.example.org:8080/"), headers(FORWARDED), "192.0.2.1", settings(null)));
        assertEquals(new PublicOrigin(true, "meet.example.org:8443"),
                PublicOrigin.of(uri("https://meet.example.org:8443/"), headers(Map.of("X-Forwarded-Proto", "http")),
                        "192.0.2.1", settings(null)));
    }

    @Test
    void thePublicUrlWinsOverTheRequestAndAnyProxy() {
        PublicOrigin configured = PublicOrigin.parse("https://meet.example.org");
        // the AppRTC tutorials' nginx block: Host and Upgrade, no X-Forwarded-Proto
        assertEquals(configured, PublicOrigin.of(uri("http://meet.example.org/"), headers(Map.of()), "127.0.0.1",
                settings(configured)));
        assertEquals(configured, PublicOrigin.of(uri("http://127.0.0.1:8080/"), headers(FORWARDED), "127.0.0.1",
                settings(configured)));
        assertEquals(configured, PublicOrigin.of(uri("http://evil.example/"), headers(FORWARDED), "192.0.2.1",
                settings(configured)));
        assertEquals("https://meet.example.org", configured.http());
        assertEquals("wss://meet.example.org", configured.webSocket());
    }

    @Test
    void aPublicUrlIsASchemeAHostAndMaybeAPort() {
        assertEquals(new PublicOrigin(true, "meet.example.org"), PublicOrigin.parse("https://meet.example.org/"));
        assertEquals(new PublicOrigin(true, "meet.example.org:8443"), PublicOrigin.parse("HTTPS://meet.example.org:8443"));
        assertEquals(new PublicOrigin(false, "192.0.2.10:8080"), PublicOrigin.parse(" http://192.0.2.10:8080 "));
        assertEquals(new PublicOrigin(true, "[2001:db8::10]:8443"), PublicOrigin.parse("https://[2001:db8::10]:8443"));
    }

    @Test
    void anythingElseIsNoPublicUrl() {
        for (String bad : new String[] {"", "meet.example.org", "ftp://meet.example.org", "wss://meet.example.org",
                "https://", "https://meet.example.org/rtc", "https://meet.example.org/?a=b", "https://meet.example.org/#x",
                "https://user@meet.example.org", "https://meet.example.org:99999", "https://meet_example.org",
                "https://meet.example.org:port", "https://[::1"}) {
            assertThrows(IllegalArgumentException.class, () -> PublicOrigin.parse(bad), bad);
        }
    }

    @Test
    void theIceHostIsTheHostWithoutItsPort() {
        assertEquals("meet.example.org", new PublicOrigin(true, "meet.example.org:8443").host());
        assertEquals("meet.example.org", new PublicOrigin(true, "meet.example.org").host());
        assertEquals("192.0.2.10", new PublicOrigin(false, "192.0.2.10:8080").host());
        assertEquals("[2001:db8::10]", new PublicOrigin(true, "[2001:db8::10]:8443").host());
        assertEquals("[2001:db8::10]", new PublicOrigin(true, "[2001:db8::10]").host());
    }

    static RoomSettings settings(PublicOrigin publicUrl) {
        return new RoomSettings(6, null, null, null, 0, "k3y", 0, null, 0, 0,
                TrustedProxies.parse(TrustedProxies.DEFAULT), publicUrl, false);
    }

    static UriInfo uri(String base) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseUri" -> URI.create(base);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static HttpHeaders headers(Map<String, String> values) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return values.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
