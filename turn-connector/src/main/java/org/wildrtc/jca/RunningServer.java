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
import org.wildrtc.jca.api.AllocationInfo;
import org.wildrtc.jca.api.AllocationPage;
import org.wildrtc.jca.api.TurnCredential;
import org.wildrtc.jca.api.TurnHealth;
import org.wildrtc.jca.api.TurnStatistics;
import org.wildrtc.transport.TransportConfig;
import org.wildrtc.transport.TurnTransport;
import org.wildrtc.turn.AlternateServer;
import org.wildrtc.turn.AuthFailureLog;
import org.wildrtc.turn.AuthLimits;
import org.wildrtc.turn.CredentialSource;
import org.wildrtc.turn.ExternalAddresses;
import org.wildrtc.turn.LiveAllocations;
import org.wildrtc.turn.PeerPolicy;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.RestCredentials;
import org.wildrtc.turn.StaticUsers;
import org.wildrtc.turn.TurnConfig;
import org.wildrtc.turn.TurnStats;

/**
 * The started server: its transport, the ICE URIs it hands out (fixed once the listeners are bound),
 * and what connection handles ask of it.
 */
record RunningServer(Plan plan, TurnTransport transport, IceServerUris uris) {
    private static final Logger LOG = Logger.getLogger(RunningServer.class);
    static final String SOFTWARE = "WildRTC";
    private static final long NONCE_LIFETIME_SECONDS = 600;

    /**
     * The checked configuration, before any listener is opened.
     *
     * @param uriHost the host every ICE URI names, or null: the request's host when usable
     */
    record Plan(TransportConfig transport, RestCredentials rest, String uriHost) {
    }

    /**
     * Turns the config-properties into a configuration, or fails with a message that names the property.
     * With {@code externalAddress=auto} it asks {@code discoveryServer} for the public address first.
     */
    static Plan plan(TurnResourceAdapter settings) {
        InetAddress bind = address("bindAddress", settings.getBindAddress());
        Set<InetAddress> local = localAddresses();
        String externalSetting = orEmpty(settings.getExternalAddress()).strip();
        boolean auto = externalSetting.equalsIgnoreCase("auto");
        List<ExternalAddresses.Entry> entries = auto ? List.of() : ExternalAddresses.parse(externalSetting);
        // Listening on all addresses, relays bind the private address a PUBLIC/PRIVATE mapping names.
        InetAddress relay = !isBlank(settings.getRelayAddress()) ? address("relayAddress", settings.getRelayAddress())
                : bind.isAnyLocalAddress() ? ExternalAddresses.firstPrivate(entries, true).orElse(bind) : bind;
        InetAddress relayIpv6 = !isBlank(settings.getRelayAddressIpv6())
                ? address("relayAddressIpv6", settings.getRelayAddressIpv6())
                : bind.isAnyLocalAddress() ? ExternalAddresses.firstPrivate(entries, false).orElse(null) : null;
        // Java would then open only IPv4 sockets, and every IPv6 Allocate would fail to bind its relay.
        if (relayIpv6 != null && Boolean.getBoolean("java.net.preferIPv4Stack")) {
            throw new IllegalArgumentException("relayAddressIpv6 " + relayIpv6.getHostAddress() + " needs IPv6 "
                    + "sockets, but the JVM runs with -Djava.net.preferIPv4Stack=true (WildFly's bin/standalone.conf "
                    + "puts it in JAVA_OPTS): remove it there, or "
                    + (isBlank(settings.getRelayAddressIpv6()) ? "leave the IPv6 PUBLIC/PRIVATE out of externalAddress"
                            : "set relayAddressIpv6 (-Dwildrtc.turn.relay-address-ipv6) to none"));
        }
        if (auto) {
            entries = List.of(new ExternalAddresses.Entry(discovered(settings, relay), relay));
        } else if (!isBlank(settings.getDiscoveryServer())) {
            LOG.warnf("discoveryServer is set but externalAddress is not auto (-Dwildrtc.turn.external-address=auto): "
                    + "it is not asked");
        }
        ExternalAddresses external = ExternalAddresses.resolve(entries, relay, relayIpv6, local);
        String uriHost = isBlank(settings.getUriHost()) ? null : uriHost(settings.getUriHost().strip());
        RestCredentials rest;
        if (isBlank(settings.getAuthSecret())) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            rest = new RestCredentials(List.of(Base64.getEncoder().encodeToString(secret)));
            LOG.info("authSecret is not set: ephemeral TURN credentials use a random secret made at start, so they "
                    + "work on this node until it restarts. Set authSecret (-Dwildrtc.turn.auth-secret) to share it.");
        } else {
            try {
                rest = RestCredentials.parse(settings.getAuthSecret());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("authSecret (-Dwildrtc.turn.auth-secret): " + e.getMessage(), e);
            }
        }
        List<CredentialSource> credentials = new ArrayList<>();
        credentials.add(rest);
        StaticUsers users = StaticUsers.parse(orEmpty(settings.getUsers()));
        if (!users.isEmpty()) {
            credentials.add(users);
        }
        PeerPolicy policy = new PeerPolicy(PeerPolicy.parseList(orEmpty(settings.getAllowedPeers())),
                PeerPolicy.parseList(orEmpty(settings.getDeniedPeers())),
                serverAddresses(bind, relay, relayIpv6, local, external), settings.getMinPort(), settings.getMaxPort());
        Quotas quotas = new Quotas(settings.getMaxAllocations(), settings.getMaxAllocationsPerUser(),
                settings.getMaxBytesPerSecond(), settings.getMaxLifetime(), settings.getMaxPermissionsPerAllocation(),
                settings.getMaxReservations());
        TurnConfig turn = new TurnConfig(settings.getRealm(), credentials, policy, quotas, SOFTWARE,
                NONCE_LIFETIME_SECONDS, new AuthLimits(settings.getMaxAuthFailuresPerMinute(),
                        settings.getMaxChallengesPerSecond()),
                isBlank(settings.getAlternateServer()) ? null : AlternateServer.parse(settings.getAlternateServer()),
                Boolean.TRUE.equals(settings.getStrictExpiry()));
        int eventLoops = settings.getEventLoops() > 0 ? settings.getEventLoops()
                : Runtime.getRuntime().availableProcessors();
        TransportConfig.Tls tls = settings.getTlsPort() == 0 ? null
                : new TransportConfig.Tls(new InetSocketAddress(bind, settings.getTlsPort()),
                        keystore(settings.getTlsKeystore()), settings.getTlsKeystorePassword().toCharArray());
        TransportConfig.StreamLimits streams = new TransportConfig.StreamLimits(settings.getMaxConnections(),
                settings.getMaxConnectionsPerSource(), settings.getConnectionIdleTimeout(),
                settings.getMaxPendingPeerConnections(), settings.getMaxConnectAttempts());
        return new Plan(new TransportConfig(new InetSocketAddress(bind, settings.getPort()), relay, relayIpv6, external,
                settings.getMinPort(), settings.getMaxPort(), eventLoops, tls, turn, streams), rest, uriHost);
    }

    /** The public address of the relay address, from discoveryServer (externalAddress=auto). */
    private static InetAddress discovered(TurnResourceAdapter settings, InetAddress relay) {
        if (isBlank(settings.getDiscoveryServer())) {
            throw new IllegalArgumentException("externalAddress is auto but discoveryServer "
                    + "(-Dwildrtc.turn.discovery-server=host:port) is not set: name a STUN server that sees this "
                    + "machine's public address, or set externalAddress to it");
        }
        if (relay.isAnyLocalAddress()) {
            throw new IllegalArgumentException("externalAddress auto asks from the relay address, but the server "
                    + "listens on all addresses: set relayAddress (-Dwildrtc.turn.relay-address) to the private address");
        }
        InetAddress found = PublicAddressDiscovery.discover(relay, settings.getDiscoveryServer());
        LOG.infof("externalAddress auto: %s sees the relay address %s as %s", settings.getDiscoveryServer().strip(),
                relay.getHostAddress(), found.getHostAddress());
        return found;
    }

    /** The configured uriHost as URIs write it; an IPv6 literal may be given without its brackets. */
    private static String uriHost(String configured) {
        String host = configured.contains(":") && !configured.startsWith("[") ? "[" + configured + "]" : configured;
        return IceServerUris.host(host, ExternalAddresses.NONE).orElseThrow(() -> new IllegalArgumentException(
                "uriHost (-Dwildrtc.turn.uri-host) '" + configured + "' is not a host name or an address clients "
                        + "can use"));
    }

    /** The configured key store, or the one WildFly's HTTPS listener uses. */
    private static Path keystore(String configured) {
        if (!isBlank(configured)) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("jboss.server.config.dir", "."), "application.keystore");
    }

    /** The server on {@code transport}, started from {@code plan}. */
    static RunningServer of(Plan plan, TurnTransport transport) {
        TransportConfig config = plan.transport();
        return new RunningServer(plan, transport, new IceServerUris(plan.uriHost(), config.external(),
                config.relayAddress(), transport.udpAddresses(), transport.tlsAddress()));
    }

    List<String> stunUris(String requestHost) {
        return uris.stun(requestHost);
    }

    List<String> turnUris(String requestHost) {
        return uris.turn(requestHost);
    }

    /** The start-up block (INFO) and, behind NAT without an external address, the warning. */
    void report() {
        List<String> unknownHost = new ArrayList<>(uris.stun(null));
        unknownHost.addAll(uris.turn(null));
        LOG.info(StartupReport.describe(plan.transport(), transport.udpSockets(), transport.udpAddresses().get(0),
                transport.tlsAddress(), transport.engine(), unknownHost));
        StartupReport.natWarning(plan.transport()).ifPresent(LOG::warn);
    }

    TurnCredential mint(String user, long ttlSeconds) {
        RestCredentials.EphemeralCredential credential = plan.rest().mint(user, ttlSeconds,
                System.currentTimeMillis() / 1000);
        return new TurnCredential(credential.username(), credential.password(), credential.expiresAt());
    }

    TurnStatistics statistics() {
        TurnStats.Snapshot s = transport.stats().snapshot();
        return new TurnStatistics(s.allocations(), s.permissions(), s.channels(), s.tcpConnections(),
                s.relayedPackets(), s.relayedBytes(), s.bindingRequests(), s.errors(), s.authFailures(),
                s.peersDenied(), s.packetsDropped(), s.refused());
    }

    TurnHealth health() {
        List<String> closed = transport.closedListeners();
        int wedged = transport.wedgedEventLoops();
        boolean draining = transport.shared().draining();
        List<String> problems = new ArrayList<>();
        if (!closed.isEmpty()) {
            problems.add("Listeners closed: " + String.join(", ", closed) + "; restart the server to reopen them.");
        }
        if (wedged > 0) {
            problems.add(wedged + " of " + transport.eventLoopCount() + " event loops missed their timer for over "
                    + "5 s (a task that does not return): their clients get no answers; a thread dump shows the task.");
        }
        if (draining) {
            problems.add("Draining: new allocations are refused, existing ones go on.");
        }
        return new TurnHealth(closed.isEmpty(), wedged == 0, draining, String.join(" ", problems));
    }

    /** The live allocations from any thread: read from the loops' thread-safe list, no loop is waited for. */
    AllocationPage allocations(int offset, int limit) {
        LiveAllocations.Page page = transport.shared().allocations().page(offset, limit, System.nanoTime());
        return new AllocationPage(page.total(), page.allocations().stream()
                .map(a -> new AllocationInfo(a.username(), a.transport().key(), hostAndPort(a.client()),
                        hostAndPort(a.relay()), a.ageSeconds(), a.bytesToPeer(), a.bytesToClient()))
                .toList());
    }

    /** {@code 192.0.2.1:3478}, {@code [2001:db8::1]:3478}. */
    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    int revoke(String username) {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("the username to revoke must not be empty");
        }
        int closed = transport.shared().revoke(username, System.currentTimeMillis() / 1000);
        LOG.infof("Revoked TURN user %s: %d allocation(s) closed; its Allocates and Refreshes are refused until its "
                + "credential expires", AuthFailureLog.shown(username), closed);
        return closed;
    }

    /** Replaces the REST secrets until the next start, which reads authSecret again. */
    void authSecrets(List<String> secrets) {
        plan.rest().secrets(secrets);
        LOG.infof("TURN REST secrets replaced: %d secret(s) verify, new credentials use the first", secrets.size());
    }

    int authSecretCount() {
        return plan.rest().secretCount();
    }

    void drain(boolean draining) {
        transport.shared().drain(draining);
        LOG.infof(draining ? "Draining: new TURN allocations are refused, existing ones go on"
                : "Drain ended: new TURN allocations are accepted again");
    }

    boolean draining() {
        return transport.shared().draining();
    }

    /**
     * The server's own addresses, which the peer policy opens only on relay ports (a relay must not loop
     * back into the server): behind 1:1 NAT the public ones too, which the provider's edge hairpins back.
     */
    private static Set<InetAddress> serverAddresses(InetAddress bind, InetAddress relay, InetAddress relayIpv6,
                                                    Set<InetAddress> local, ExternalAddresses external) {
        Set<InetAddress> addresses = new HashSet<>(List.of(bind, relay));
        if (relayIpv6 != null) {
            addresses.add(relayIpv6);
        }
        if (bind.isAnyLocalAddress()) {
            addresses.addAll(local);
        }
        addresses.addAll(external.publicAddresses());
        return addresses;
    }

    /** This machine's addresses, on every interface. */
    private static Set<InetAddress> localAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            LOG.warnf("Could not list this machine's addresses: %s", e.getMessage());
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
