package org.wildrtc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The config-properties checked before any socket opens, with a message that names the fix. */
class RunningServerPlanTest {

    @Test
    void ipv6RelaysInAJvmThatPrefersIpv4FailWithTheFix() throws Exception {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setRelayAddressIpv6("::1");
        assertEquals(InetAddress.getByName("::1"), RunningServer.plan(settings).transport().relayAddressIpv6());

        System.setProperty("java.net.preferIPv4Stack", "true");
        try {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RunningServer.plan(settings));
            assertTrue(refused.getMessage().contains("remove it there, or set relayAddressIpv6"),
                    refused.getMessage());
        } finally {
            System.clearProperty("java.net.preferIPv4Stack");
        }
    }
}
