package org.wildrtc.jca;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.wildrtc.jca.api.TurnCredential;
import org.wildrtc.jca.api.TurnStatistics;
import org.wildrtc.transport.TransportConfig;
import org.wildrtc.transport.TurnTransport;
import org.wildrtc.turn.AuthLimits;
import org.wildrtc.turn.CredentialSource;
import org.wildrtc.turn.PeerPolicy;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.StaticUsers;
import org.wildrtc.turn.TurnConfig;
import org.wildrtc.turn.TurnStats;

/** The started server: its transport, and what connection handles ask of it. */
record RunningServer(Plan plan, TurnTransport transport) {
    private static final Logger LOG = Logger.getLogger(RunningServer.class);
    static final String SOFTWARE = "WildRTC";
    private static final long NONCE_LIFETIME_SECONDS = 600;

    /** The checked configuration, before any socket is opened. */
    record Plan(TransportConfig transport, RestCredentials rest) {
    }

    /** Turns the config-properties into a configuration, or fails with a message that names the property. */
    static Plan plan(TurnResourceAdapter settings) {
        InetAddress bind = address("bindAddress", settings.getBindAddress());
        InetAddress relay = isBlank(settings.getRelayAddress()) ? bind : address("relayAddress", settings.getRelayAddress());
        InetAddress relayIpv6 = isBlank(settings.getRelayAddressIpv6()) ? null
                : address("relayAddressIpv6", settings.getRelayAddressIpv6());
        // Java would then open only IPv4 sockets, and every IPv6 Allocate would fail to bind its relay.
        if (relayIpv6 != null && Boolean.getBoolean("java.net.preferIPv4Stack")) {
            throw new IllegalArgumentException("relayAddressIpv6 " + relayIpv6.getHostAddress() + " needs IPv6 "
                    + "sockets, but the JVM runs with -Djava.net.preferIPv4Stack=true (WildFly's bin/standalone.conf "
                    + "puts it in JAVA_OPTS): remove it there, or set relayAddressIpv6 "
                    + "(-Dwildrtc.turn.relay-address-ipv6) to none");
        }
        RestCredentials rest;
        if (isBlank(settings.getAuthSecret())) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            rest = new RestCredentials(Base64.getEncoder().encodeToString(secret));
            LOG.info("authSecret is not set: ephemeral TURN credentials use a random secret made at start, so they "
                    + "work on this node until it restarts. Set authSecret (-Dwildrtc.turn.auth-secret) to share it.");
        } else {
            rest = new RestCredentials(settings.getAuthSecret());
        }
        List<CredentialSource> credentials = new ArrayList<>();
        credentials.add(rest);
        StaticUsers users = StaticUsers.parse(orEmpty(settings.getUsers()));
        if (!users.isEmpty()) {
            credentials.add(users);
        }
        PeerPolicy policy = new PeerPolicy(PeerPolicy.parseList(orEmpty(settings.getAllowedPeers())),
                PeerPolicy.parseList(orEmpty(settings.getDeniedPeers())), serverAddresses(bind, relay, relayIpv6),
                settings.getMinPort(), settings.getMaxPort());
        Quotas quotas = new Quotas(settings.getMaxAllocations(), settings.getMaxAllocationsPerUser(),
                settings.getMaxBytesPerSecond(), settings.getMaxLifetime(), settings.getMaxPermissionsPerAllocation(),
                settings.getMaxReservations());
        TurnConfig turn = new TurnConfig(settings.getRealm(), credentials, policy, quotas, SOFTWARE,
                NONCE_LIFETIME_SECONDS, new AuthLimits(settings.getMaxAuthFailuresPerMinute(),
                        settings.getMaxChallengesPerSecond()));
        int eventLoops = settings.getEventLoops() > 0 ? settings.getEventLoops()
                : Runtime.getRuntime().availableProcessors();
        TransportConfig.Tls tls = settings.getTlsPort() == 0 ? null
                : new TransportConfig.Tls(new InetSocketAddress(bind, settings.getTlsPort()),
                        keystore(settings.getTlsKeystore()), settings.getTlsKeystorePassword().toCharArray());
        TransportConfig.StreamLimits streams = new TransportConfig.StreamLimits(settings.getMaxConnections(),
                settings.getMaxConnectionsPerSource(), settings.getConnectionIdleTimeout(),
                settings.getMaxPendingPeerConnections(), settings.getMaxConnectAttempts());
        return new Plan(new TransportConfig(new InetSocketAddress(bind, settings.getPort()), relay, relayIpv6,
                settings.getMinPort(), settings.getMaxPort(), eventLoops, tls, turn, streams), rest);
    }

    /** The configured key store, or the one WildFly's HTTPS listener uses. */
    private static Path keystore(String configured) {
        if (!isBlank(configured)) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("jboss.server.config.dir", "."), "application.keystore");
    }

    List<String> stunUris(String requestHost) {
        return uris("stun:", "");
    }

    /** TURN over UDP and TCP on the main port, and over TLS (turns:) when it listens (RFC 7065 §3). */
    List<String> turnUris(String requestHost) {
        List<String> uris = new ArrayList<>(uris("turn:", "?transport=udp"));
        uris.addAll(uris("turn:", "?transport=tcp"));
        transport.tlsAddress().ifPresent(tls -> uris.add("turns:" + literal(host(tls)) + ":" + tls.getPort()
                + "?transport=tcp"));
        return uris;
    }

    TurnCredential mint(String user, long ttlSeconds) {
        RestCredentials.EphemeralCredential credential = plan.rest().mint(user, ttlSeconds,
                System.currentTimeMillis() / 1000);
        return new TurnCredential(credential.username(), credential.password(), credential.expiresAt());
    }

    TurnStatistics statistics() {
        TurnStats.Snapshot s = transport.stats().snapshot();
        return new TurnStatistics(s.allocations(), s.permissions(), s.channels(), s.packetsRelayed(),
                s.bytesRelayed(), s.packetsDropped(), s.authFailures(), s.refused());
    }

    /** RFC 7064 §3.1 / RFC 7065 §3.1: an IPv6 literal host is written in brackets. */
    private List<String> uris(String scheme, String suffix) {
        List<String> uris = new ArrayList<>();
        for (InetSocketAddress listener : transport.udpAddresses()) {
            uris.add(scheme + literal(host(listener)) + ":" + listener.getPort() + suffix);
        }
        return uris;
    }

    /** Where clients reach a listener: its address, or the relay address when it listens on all. */
    private InetAddress host(InetSocketAddress listener) {
        return listener.getAddress().isAnyLocalAddress() ? plan.transport().relayAddress() : listener.getAddress();
    }

    private static String literal(InetAddress host) {
        String literal = host.getHostAddress();
        if (host instanceof Inet6Address) {
            int scope = literal.indexOf('%');
            literal = "[" + (scope < 0 ? literal : literal.substring(0, scope)) + "]";
        }
        return literal;
    }

    /** The server's own addresses, which the peer policy refuses (a relay must not loop back into the server). */
    private static Set<InetAddress> serverAddresses(InetAddress bind, InetAddress relay, InetAddress relayIpv6) {
        Set<InetAddress> addresses = new HashSet<>(List.of(bind, relay));
        if (relayIpv6 != null) {
            addresses.add(relayIpv6);
        }
        if (bind.isAnyLocalAddress()) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    addresses.addAll(Collections.list(nic.getInetAddresses()));
                }
            } catch (SocketException e) {
                LOG.warnf("Could not list this machine's addresses for the peer policy: %s", e.getMessage());
            }
        }
        return addresses;
    }

    private static InetAddress address(String property, String value) {
        try {
            return InetAddress.getByName(value.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(property + " '" + value + "' is not an address of this machine", e);
        }
    }

    /** Optional settings are unset when blank or "none" (the server model refuses empty values). */
    private static boolean isBlank(String value) {
        return value == null || value.isBlank() || value.strip().equalsIgnoreCase("none");
    }

    private static String orEmpty(String value) {
        return isBlank(value) ? "" : value;
    }
}
