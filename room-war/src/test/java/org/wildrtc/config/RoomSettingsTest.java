package org.wildrtc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.api.PublicOrigin;

class RoomSettingsTest {
    private static final String TRUSTED = "wildrtc.trusted-proxies";
    private static final String PUBLIC_URL = "wildrtc.public-url";
    private static final String OPEN = "wildrtc.signaling.open-registration";

    @AfterEach
    void clear() {
        System.clearProperty(TRUSTED);
        System.clearProperty(PUBLIC_URL);
        System.clearProperty(OPEN);
    }

    @Test
    void unsetTheyTrustLoopbackProxiesNameNoPublicUrlAndRegisterOnlyJoinedMembers() {
        RoomSettings settings = RoomSettings.fromSystemProperties();
        assertTrue(settings.trustedProxies().trusts("127.0.0.1"));
        assertTrue(settings.trustedProxies().trusts("::1"));
        assertFalse(settings.trustedProxies().trusts("192.0.2.1"));
        assertNull(settings.publicUrl());
        assertFalse(settings.openRegistration());
    }

    @Test
    void setTheyAreUsed() {
        RoomSettings settings = with(Map.of(TRUSTED, "192.0.2.0/24, 2001:db8::/32", PUBLIC_URL, "https://meet.example.org:8443/",
                OPEN, "TRUE"));
        assertTrue(settings.trustedProxies().trusts("192.0.2.1"));
        assertTrue(settings.trustedProxies().trusts("2001:db8::7"));
        assertFalse(settings.trustedProxies().trusts("127.0.0.1"));
        assertEquals(new PublicOrigin(true, "meet.example.org:8443"), settings.publicUrl());
        assertTrue(settings.openRegistration());
        assertFalse(with(Map.of(TRUSTED, "")).trustedProxies().trusts("127.0.0.1"));
    }

    @Test
    void aBadValueIsIgnoredForTheDefault() {
        RoomSettings settings = with(Map.of(TRUSTED, "127.0.0.1/32,proxy.example.org", PUBLIC_URL,
                "https://meet.example.org/rtc", OPEN, "yes"));
        assertTrue(settings.trustedProxies().trusts("127.0.0.2"));
        assertFalse(settings.trustedProxies().trusts("192.0.2.1"));
        assertNull(settings.publicUrl());
        assertFalse(settings.openRegistration());
    }

    private static RoomSettings with(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        return RoomSettings.fromSystemProperties();
    }
}
