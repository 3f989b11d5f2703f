package org.wildrtc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wildrtc.turn.ExternalAddresses;

/** Which host the ICE URIs name: uriHost, else the request's host when usable, else each listener's address. */
class IceServerUrisTest {
    private static final ExternalAddresses NAT = ExternalAddresses.resolve(
            ExternalAddresses.parse("47.0.0.61/127.0.0.1"), ip("127.0.0.1"), null, java.util.Set.of(ip("127.0.0.1")));

    @Test
    void aConfiguredUriHostWinsOverTheRequestsHostForEveryScheme() {
        IceServerUris uris = new IceServerUris("turn.example.org", NAT, ip("127.0.0.1"),
                List.of(new InetSocketAddress("0.0.0.0", 3478)), Optional.of(new InetSocketAddress("0.0.0.0", 5349)));
        assertEquals(List.of("stun:turn.example.org:3478"), uris.stun("meet.example.org"));
        assertEquals(List.of("turn:turn.example.org:3478?transport=udp", "turn:turn.example.org:3478?transport=tcp",
                "turns:turn.example.org:5349?transport=tcp"), uris.turn("47.0.0.61"));
    }

    /** turns: names the request's host too: it must match the certificate, which names that host. */
    @Test
    void aDnsNameTheClientUsedIsNamedOncePerPortAndTransport() {
        IceServerUris uris = new IceServerUris(null, ExternalAddresses.NONE, ip("192.0.2.7"),
                List.of(new InetSocketAddress("192.0.2.7", 3478), new InetSocketAddress("198.51.100.7", 3478)),
                Optional.of(new InetSocketAddress("192.0.2.7", 5349)));
        assertEquals(List.of("stun:meet.example.org:3478"), uris.stun("meet.example.org"));
        assertEquals(List.of("turn:meet.example.org:3478?transport=udp", "turn:meet.example.org:3478?transport=tcp",
                "turns:meet.example.org:5349?transport=tcp"), uris.turn("meet.example.org"));
    }

    @Test
    void anAddressLiteralTheClientUsedIsNamedUnlessItIsAWildcard() {
        IceServerUris uris = new IceServerUris(null, ExternalAddresses.NONE, ip("192.0.2.7"),
                List.of(new InetSocketAddress("0.0.0.0", 3478)), Optional.empty());
        assertEquals(List.of("stun:198.51.100.9:3478"), uris.stun("198.51.100.9"));
        assertEquals(List.of("stun:[2001:db8::9]:3478"), uris.stun("[2001:db8::9]"));
        assertEquals(List.of("stun:192.0.2.7:3478"), uris.stun("0.0.0.0"));
        assertEquals(List.of("stun:192.0.2.7:3478"), uris.stun("[::]"));
    }

    /** A laptop's browser on https://localhost:8443 must not have to guess which loopback TURN is on. */
    @Test
    void localhostAndTheNamesUnderItGiveTheListenersAddress() {
        IceServerUris uris = new IceServerUris(null, ExternalAddresses.NONE, ip("127.0.0.1"),
                List.of(new InetSocketAddress("127.0.0.1", 3478)), Optional.empty());
        for (String host : List.of("localhost", "LocalHost.", "app.localhost")) {
            assertEquals(List.of("stun:127.0.0.1:3478"), uris.stun(host), host);
        }
        assertEquals(List.of("stun:notlocalhost:3478"), uris.stun("notlocalhost"));
    }

    /** Behind 1:1 NAT a client that named the private (or any other) address is given the public one. */
    @Test
    void behindNatOnlyThePublicAddressIsNamedNeverTheWildcardOrThePrivateOne() {
        IceServerUris uris = new IceServerUris(null, NAT, ip("127.0.0.1"),
                List.of(new InetSocketAddress("0.0.0.0", 3478)), Optional.of(new InetSocketAddress("0.0.0.0", 5349)));
        assertEquals(List.of("stun:47.0.0.61:3478"), uris.stun("127.0.0.1"));
        assertEquals(List.of("stun:47.0.0.61:3478"), uris.stun("47.0.0.61"));
        assertEquals(List.of("stun:47.0.0.61:3478"), uris.stun("0.0.0.0"));
        assertEquals(List.of("stun:47.0.0.61:3478"), uris.stun("[2001:db8::9]"));
        assertEquals(List.of("stun:meet.example.org:3478"), uris.stun("meet.example.org"));
        assertEquals(List.of("turn:47.0.0.61:3478?transport=udp", "turn:47.0.0.61:3478?transport=tcp",
                "turns:47.0.0.61:5349?transport=tcp"), uris.turn(null));
    }

    @Test
    void junkOrNoHostFallsBackToEachListenersAdvertisedAddress() {
        IceServerUris uris = new IceServerUris(null, NAT, ip("127.0.0.1"),
                List.of(new InetSocketAddress("127.0.0.1", 3478), new InetSocketAddress("::1", 3478)),
                Optional.empty());
        List<String> fallback = List.of("stun:47.0.0.61:3478", "stun:[0:0:0:0:0:0:0:1]:3478");
        for (String junk : new String[] {null, "", "meet example", "1.2.3.999", "2001:db8::9", "[fe80::1%25eth0]",
                "[1.2.3.4]", "host:3478", "-x.example", "a..b", "x".repeat(64) + ".example"}) {
            assertEquals(fallback, uris.stun(junk), junk);
        }
    }

    private static InetAddress ip(String literal) {
        return org.wildrtc.turn.IpLiteral.parse(literal).orElseThrow();
    }
}
