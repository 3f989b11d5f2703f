package org.wildrtc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.wildrtc.transport.TransportConfig;
import org.wildrtc.turn.PeerPolicy;

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

    /** -b 0.0.0.0 -Dwildrtc.turn.external-address=PUBLIC/PRIVATE: relays bind PRIVATE, clients are told PUBLIC. */
    @Test
    void listeningOnAllAddressesRelaysFromTheMappedPrivateAddressAndAdvertisesThePublicOne() throws Exception {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setBindAddress("0.0.0.0");
        settings.setExternalAddress("47.0.0.61/127.0.0.1");
        TransportConfig config = RunningServer.plan(settings).transport();
        assertEquals(InetAddress.getByName("127.0.0.1"), config.relayAddress());
        assertEquals(InetAddress.getByName("47.0.0.61"), config.external().advertised(config.relayAddress()));
    }

    @Test
    void listeningOnAllAddressesAnIpv6MappingGivesTheIpv6RelayAddress() throws Exception {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setBindAddress("::");
        settings.setExternalAddress("2001:db8::61/::1, 47.0.0.61/127.0.0.1");
        TransportConfig config = RunningServer.plan(settings).transport();
        assertEquals(InetAddress.getByName("127.0.0.1"), config.relayAddress());
        assertEquals(InetAddress.getByName("::1"), config.relayAddressIpv6());
        assertEquals(InetAddress.getByName("2001:db8::61"), config.external().advertised(config.relayAddressIpv6()));
    }

    /**
     * A client relaying to another client's relayed public address reaches it (the cloud edge hairpins
     * it back to the relay port), but nothing else of the server's behind its public address.
     */
    @Test
    void thePublicAddressIsTheServersOwnOpenOnlyOnRelayPorts() throws Exception {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setExternalAddress("47.0.0.61");
        PeerPolicy policy = RunningServer.plan(settings).transport().turn().peerPolicy();
        assertTrue(policy.permits(new InetSocketAddress("47.0.0.61", 50000)));
        assertFalse(policy.permits(new InetSocketAddress("47.0.0.61", 8443)));
        assertFalse(policy.permits(new InetSocketAddress("47.0.0.61", 3478)));
        assertTrue(policy.permits(new InetSocketAddress("47.0.0.62", 8443)));
    }

    @Test
    void autoWithoutADiscoveryServerFailsNamingIt() {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setExternalAddress("auto");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunningServer.plan(settings));
        assertTrue(refused.getMessage().contains("discoveryServer (-Dwildrtc.turn.discovery-server=host:port)"),
                refused.getMessage());
    }

    @Test
    void aPrivateAddressNotOfThisMachineFailsTheDeployment() {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setBindAddress("0.0.0.0");
        settings.setExternalAddress("47.0.0.61/172.16.0.186");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunningServer.plan(settings));
        assertTrue(refused.getMessage().contains("externalAddress"), refused.getMessage());
    }

    @Test
    void uriHostIsANameOrAnAddressNeverAWildcardOrJunk() {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setUriHost("turn.example.org");
        assertEquals("turn.example.org", RunningServer.plan(settings).uriHost());
        settings.setUriHost("2001:db8::1");
        assertEquals("[2001:db8::1]", RunningServer.plan(settings).uriHost());
        for (String bad : new String[] {"0.0.0.0", "::", "turn example", "-bad.example"}) {
            settings.setUriHost(bad);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RunningServer.plan(settings), bad);
            assertTrue(refused.getMessage().startsWith("uriHost (-Dwildrtc.turn.uri-host)"), refused.getMessage());
        }
    }

    @Test
    void theAlternateServerIsCheckedAtStart() {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        assertEquals(null, RunningServer.plan(settings).transport().turn().alternateServer(), "none by default");
        settings.setAlternateServer("[2001:db8::7]:3478");
        assertEquals(new InetSocketAddress("2001:db8::7", 3478),
                RunningServer.plan(settings).transport().turn().alternateServer());
        settings.setAlternateServer("turn2.example.org:3478");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunningServer.plan(settings));
        assertTrue(refused.getMessage().startsWith("alternateServer (-Dwildrtc.turn.alternate-server)"),
                refused.getMessage());
    }
}
