package org.wildrtc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void aValueThatDoesNotParseIsRefusedWithTheNameOfItsProperty() {
        assertRefused(Map.of(TRUSTED, "127.0.0.1/32,proxy.example.org"),
                "System property wildrtc.trusted-proxies=127.0.0.1/32,proxy.example.org is not valid: ");
        assertRefused(Map.of(PUBLIC_URL, "https://meet.example.org/rtc"),
                "System property wildrtc.public-url=https://meet.example.org/rtc is not valid: ");
        assertRefused(Map.of(OPEN, "yes"),
                "System property wildrtc.signaling.open-registration=yes is not valid: neither true nor false");
        assertRefused(Map.of("wildrtc.rooms.mesh-capacity", "lots"),
                "System property wildrtc.rooms.mesh-capacity=lots is not valid: not a whole number from 3 to 64");
        assertRefused(Map.of("wildrtc.rooms.mesh-capacity", "65"),
                "System property wildrtc.rooms.mesh-capacity=65 is not valid: not a whole number from 3 to 64");
        assertRefused(Map.of("wildrtc.signaling.grace-seconds", "-1"),
                "System property wildrtc.signaling.grace-seconds=-1 is not valid: not a whole number from 0 to 3600");
    }

    @Test
    void blankNumbersMeanTheDefaultAndNumbersMayBeSpaced() {
        RoomSettings settings = RoomSettings.from(Map.of("wildrtc.rooms.mesh-capacity", " 8 ",
                "wildrtc.signaling.grace-seconds", "")::get);
        assertEquals(8, settings.meshCapacity());
        assertEquals(10, settings.grace().toSeconds());
    }

    @Test
    void withoutAnIceApiKeyEachReadMakesAnUnguessableOne() {
        String first = RoomSettings.from(name -> null).iceApiKey();
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        assertNotEquals(first, RoomSettings.from(name -> null).iceApiKey());
        assertEquals("k3y", RoomSettings.from(Map.of("wildrtc.ice.api-key", "k3y")::get).iceApiKey());
    }

    private static void assertRefused(Map<String, String> properties, String messageStart) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RoomSettings.from(properties::get));
        assertTrue(refused.getMessage().startsWith(messageStart), refused.getMessage());
    }

    private static RoomSettings with(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        return RoomSettings.fromSystemProperties();
    }
}
