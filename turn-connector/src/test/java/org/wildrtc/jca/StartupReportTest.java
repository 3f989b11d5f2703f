package org.wildrtc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wildrtc.transport.TransportConfig;

/** The start-up block and the warning for a server behind NAT that has no external address. */
class StartupReportTest {

    @Test
    void theBlockNamesTheListenersTheRelayAddressPrivateToPublicAndTheUris() {
        TransportConfig config = plan("0.0.0.0", "none", "47.0.0.61/127.0.0.1");
        String block = StartupReport.describe(config, List.of(new InetSocketAddress("127.0.0.1", 3478)),
                new InetSocketAddress("0.0.0.0", 3478), Optional.empty(), "1 event loop(s) (nio, safe buffers)",
                List.of("stun:47.0.0.61:3478"));
        assertTrue(block.contains("listening: udp 127.0.0.1:3478; tcp 0.0.0.0:3478 with 1 event loop(s) (nio, safe buffers)"), block);
        assertTrue(block.contains("relay addresses (bound -> told to clients): 127.0.0.1 -> 47.0.0.61, ports "
                + "49152-65535"), block);
        assertTrue(block.contains("ICE URIs when the request's host is unknown: stun:47.0.0.61:3478"), block);
    }

    @Test
    void aWildcardOrPrivateListenerWithoutAnExternalAddressIsWarnedAboutNamingTheProperty() {
        for (TransportConfig config : List.of(plan("0.0.0.0", "127.0.0.1", "none"), plan("10.1.2.3", "none", "none"),
                plan("192.168.1.2", "none", "none"), plan("100.64.0.9", "none", "none"),
                plan("0.0.0.0", "172.16.0.186", "none"))) {
            String warning = StartupReport.natWarning(config).orElseThrow();
            assertTrue(warning.contains("wildrtc.turn.external-address"), warning);
        }
    }

    @Test
    void loopbackAPublicRelayAddressOrAnExternalAddressIsNotWarnedAbout() {
        for (TransportConfig config : List.of(plan("127.0.0.1", "none", "none"), plan("::1", "127.0.0.1", "none"),
                plan("0.0.0.0", "198.51.100.5", "none"), plan("0.0.0.0", "none", "47.0.0.61/127.0.0.1"),
                plan("203.0.113.9", "none", "none"))) {
            assertEquals(Optional.empty(), StartupReport.natWarning(config), config.toString());
        }
    }

    private static TransportConfig plan(String bind, String relay, String external) {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setBindAddress(bind);
        settings.setRelayAddress(relay);
        settings.setExternalAddress(external);
        return RunningServer.plan(settings).transport();
    }
}
