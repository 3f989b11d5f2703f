package org.wildrtc.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.wildrtc.turn.AuthLimits;
import org.wildrtc.turn.Cidr;
import org.wildrtc.turn.ExternalAddresses;
import org.wildrtc.turn.PeerPolicy;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.StaticUsers;
import org.wildrtc.turn.TurnConfig;

/** Transports for the tests: on loopback, user alice, loopback peers allowed, relays from 40000-40999. */
final class TestTransports {
    static final int MIN_RELAY_PORT = 40000;
    static final int MAX_RELAY_PORT = 40999;
    static final TransportConfig.StreamLimits STREAMS = new TransportConfig.StreamLimits(1000, 100, 30, 32, 8);

    private TestTransports() {
    }

    static TransportConfig config(InetSocketAddress listener) {
        return config(listener, new Quotas(100, 50, 0, 3600, 100, 100), STREAMS, MIN_RELAY_PORT, MAX_RELAY_PORT);
    }

    static TransportConfig config(InetSocketAddress listener, Quotas quotas, TransportConfig.StreamLimits streams,
                                  int minRelayPort, int maxRelayPort) {
        TurnConfig turn = new TurnConfig("test", List.of(new StaticUsers(Map.of("alice", "secret"))),
                new PeerPolicy(List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("::1/128")), List.of(), Set.of(),
                        minRelayPort, maxRelayPort),
                quotas, "WildRTC", 600, new AuthLimits(20, 0), null, false);
        return new TransportConfig(listener, address("127.0.0.1"), address("::1"), ExternalAddresses.NONE, minRelayPort,
                maxRelayPort, 2, null, turn, streams);
    }

    /** {@code plain} with other public addresses and TURN settings. */
    static TransportConfig with(TransportConfig plain, ExternalAddresses external, TurnConfig turn) {
        return new TransportConfig(plain.udpListener(), plain.relayAddress(), plain.relayAddressIpv6(), external,
                plain.minRelayPort(), plain.maxRelayPort(), plain.eventLoops(), plain.tls(), turn, plain.streams());
    }

    /** {@code plain} with TURN over TLS on a free loopback port, from {@code keystore}. */
    static TransportConfig withTls(TransportConfig plain, Path keystore, String password) {
        return new TransportConfig(plain.udpListener(), plain.relayAddress(), plain.relayAddressIpv6(), plain.external(),
                plain.minRelayPort(), plain.maxRelayPort(), plain.eventLoops(),
                new TransportConfig.Tls(new InetSocketAddress("127.0.0.1", 0), keystore, password.toCharArray()),
                plain.turn(), plain.streams());
    }

    /** Writes a PKCS12 key store with a new self-signed EC key for {@code subject} (keytool gives it a random serial). */
    static void keyStore(Path file, String subject, String password) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-keypass", password, "-alias", "server", "-dname", subject, "-keyalg", "EC", "-validity", "2")
                .inheritIO().start();
        if (keytool.waitFor() != 0) {
            throw new AssertionError("keytool could not write " + file);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Starts a transport on a free port. The UDP port the kernel picks may be taken for TCP, which the
     * listener needs too: by a TCP relay's connection of an earlier test in TIME_WAIT (relay ports lie in
     * the ephemeral range); and it must not lie in the relay range.
     */
    static TurnTransport start(Function<InetSocketAddress, TransportConfig> config, Executor threads)
            throws Exception {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        for (int attempt = 0; ; attempt++) {
            TurnTransport transport;
            try {
                transport = TurnTransport.start(config.apply(any), threads);
            } catch (TransportBindException taken) {
                if (attempt < 5) {
                    continue;
                }
                throw taken;
            }
            int port = transport.udpAddresses().get(0).getPort();
            TransportConfig started = config.apply(any);
            if (port >= started.minRelayPort() && port <= started.maxRelayPort() && attempt < 5) {
                transport.close();
                continue;
            }
            return transport;
        }
    }

    /** What a test tries until it passes. */
    interface Attempt {
        void run() throws Exception;
    }

    /**
     * Tries {@code attempt} until it no longer fails with an IOException, for about a second: the server
     * frees a closed connection's or relay's place on its event loop, a moment after the close.
     */
    static void soon(Attempt attempt) throws Exception {
        for (int tried = 1; ; tried++) {
            try {
                attempt.run();
                return;
            } catch (IOException notYet) {
                if (tried == 50) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }
}
