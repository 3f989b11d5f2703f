package org.wildrtc.jca;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.Objects;
import javax.transaction.xa.XAResource;
import org.jboss.logging.Logger;
import org.wildrtc.transport.TransportBindException;
import org.wildrtc.transport.TurnTransport;

/**
 * The STUN/TURN server's lifecycle in the container: {@code start} binds the listeners with the
 * config-properties below, {@code stop} closes every socket so a redeploy can bind again. Admins set
 * the properties in the resource-adapters subsystem (wildfly-config/cli/turn-connector.cli gives each
 * an expression such as {@code ${wildrtc.turn.port:3478}}); they are checked when the adapter starts.
 */
@Connector(
        displayName = "WildRTC STUN/TURN server",
        vendorName = "WildRTC",
        eisType = "STUN/TURN",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        reauthenticationSupport = false)
public class TurnResourceAdapter implements ResourceAdapter {
    private static final Logger LOG = Logger.getLogger(TurnResourceAdapter.class);

    @ConfigProperty(description = "Address the STUN/TURN listener binds to", defaultValue = "127.0.0.1")
    private String bindAddress = "127.0.0.1";

    @ConfigProperty(description = "STUN/TURN port for UDP and TCP (RFC 8656: 3478)", defaultValue = "3478")
    private Integer port = 3478;

    @ConfigProperty(description = "IPv4 address relay sockets bind to and clients are told; none: the bindAddress",
            defaultValue = "none")
    private String relayAddress = "none";

    @ConfigProperty(description = "IPv6 address of IPv6 relays (RFC 6156); none: IPv6 relays are refused with 440",
            defaultValue = "none")
    private String relayAddressIpv6 = "none";

    @ConfigProperty(description = "Public addresses behind 1:1 NAT, as coturn's external-ip: PUBLIC or PUBLIC/PRIVATE, "
            + "comma-separated (a bare PUBLIC maps the relay address of its family); auto: learnt at start from "
            + "discoveryServer; none: the server's addresses are public", defaultValue = "none")
    private String externalAddress = "none";

    @ConfigProperty(description = "STUN server (host:port) that tells the public address when externalAddress is "
            + "auto; none: no discovery", defaultValue = "none")
    private String discoveryServer = "none";

    @ConfigProperty(description = "Host name the STUN/TURN URIs given to clients name (it must match the TLS "
            + "certificate for turns:); none: the host the client reached the application by, when usable",
            defaultValue = "none")
    private String uriHost = "none";

    @ConfigProperty(description = "TURN over TLS port (RFC 8656: 5349); 0: no TLS", defaultValue = "5349")
    private Integer tlsPort = 5349;

    @ConfigProperty(description = "Key store (PKCS12 or .jks) with the TLS key and certificate; none: WildFly's "
            + "application.keystore, which HTTPS uses", defaultValue = "none")
    private String tlsKeystore = "none";

    @ConfigProperty(description = "Password of the TLS key store and its key", defaultValue = "password")
    private String tlsKeystorePassword = "password";

    @ConfigProperty(description = "Event loop threads serving the sockets; 0: one per processor",
            defaultValue = "0")
    private Integer eventLoops = 0;

    @ConfigProperty(description = "Lowest relay port", defaultValue = "49152")
    private Integer minPort = 49152;

    @ConfigProperty(description = "Highest relay port", defaultValue = "65535")
    private Integer maxPort = 65535;

    @ConfigProperty(description = "Long-term credential realm", defaultValue = "wildrtc")
    private String realm = "wildrtc";

    @ConfigProperty(description = "TURN REST shared secrets for ephemeral credentials, comma-separated: new ones "
            + "are minted with the first, any listed one verifies (rotation); none: a random one per start (one node "
            + "only)", defaultValue = "none")
    private String authSecret = "none";

    @ConfigProperty(description = "Whether a TURN REST credential past its expiry is refused on every request "
            + "(Refresh too, so an allocation ends with its credential); false: only on Allocate",
            defaultValue = "false")
    private Boolean strictExpiry = false;

    @ConfigProperty(description = "While draining, new Allocates get 300 Try Alternate naming this server, "
            + "ip:port or [ipv6]:port (over TLS they get 508); none: 508", defaultValue = "none")
    private String alternateServer = "none";

    @ConfigProperty(description = "Static long-term users as user:password, comma-separated; none: no static users",
            defaultValue = "none")
    private String users = "none";

    @ConfigProperty(description = "Peer address blocks (CIDR, comma-separated) relaying may reach although denied "
            + "by default; none: no exceptions", defaultValue = "none")
    private String allowedPeers = "none";

    @ConfigProperty(description = "Peer address blocks (CIDR, comma-separated) refused besides loopback, private, "
            + "link-local and multicast; none: no more", defaultValue = "none")
    private String deniedPeers = "none";

    @ConfigProperty(description = "Allocations on the whole server (then 508)", defaultValue = "10000")
    private Integer maxAllocations = 10000;

    @ConfigProperty(description = "Allocations per username (then 486)", defaultValue = "50")
    private Integer maxAllocationsPerUser = 50;

    @ConfigProperty(description = "Relayed bytes per second per allocation; 0: unlimited", defaultValue = "0")
    private Long maxBytesPerSecond = 0L;

    @ConfigProperty(description = "Longest allocation lifetime granted, seconds", defaultValue = "3600")
    private Integer maxLifetime = 3600;

    @ConfigProperty(description = "Peer addresses one allocation may hold permissions for (then 508)",
            defaultValue = "64")
    private Integer maxPermissionsPerAllocation = 64;

    @ConfigProperty(description = "Relay ports held for a RESERVATION-TOKEN on the whole server (then 508); each "
            + "also takes a place of its user's quota while held", defaultValue = "1000")
    private Integer maxReservations = 1000;

    @ConfigProperty(description = "Failed authentications (with a nonce this server gave that address) one source "
            + "address may make in a minute before it is ignored for the rest of the minute", defaultValue = "20")
    private Integer maxAuthFailuresPerMinute = 20;

    @ConfigProperty(description = "401/438 challenges answered per second to one source address over UDP, "
            + "which a spoofed request would reflect at it; 0: unlimited", defaultValue = "50")
    private Integer maxChallengesPerSecond = 50;
    @ConfigProperty(description = "TCP and TLS client connections on the whole server; more are closed as they "
            + "open", defaultValue = "10000")
    private Integer maxConnections = 10000;

    @ConfigProperty(description = "TCP and TLS client connections from one source address; more are closed as "
            + "they open", defaultValue = "100")
    private Integer maxConnectionsPerSource = 100;

    @ConfigProperty(description = "Seconds a TCP or TLS connection that holds no allocation may send nothing "
            + "before it is closed", defaultValue = "30")
    private Integer connectionIdleTimeout = 30;

    @ConfigProperty(description = "RFC 6062 peer connections one TCP allocation may have waiting for a "
            + "ConnectionBind, Connects under way included (then 508, or the peer's connection is closed)",
            defaultValue = "32")
    private Integer maxPendingPeerConnections = 32;

    @ConfigProperty(description = "RFC 6062 Connect requests one TCP allocation may have under way (then 508)",
            defaultValue = "8")
    private Integer maxConnectAttempts = 8;

    private volatile RunningServer running;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        RunningServer.Plan plan;
        try {
            plan = RunningServer.plan(this);
        } catch (IllegalArgumentException e) {
            LOG.errorf("WildRTC STUN/TURN server not started: %s", e.getMessage());
            throw new ResourceAdapterInternalException("WildRTC STUN/TURN configuration: " + e.getMessage(), e);
        }
        TurnTransport.leakDetectionOffUnlessAsked();
        try {
            TurnTransport transport = TurnTransport.start(plan.transport(),
                    new WorkManagerExecutor(context.getWorkManager()));
            running = RunningServer.of(plan, transport);
            running.report();
        } catch (TransportBindException e) {
            LOG.errorf("WildRTC STUN/TURN server not started: %s. Change the resource adapter's "
                    + "bindAddress/port config-properties (or -Dwildrtc.turn.address / -Dwildrtc.turn.port).",
                    e.getMessage());
            throw new ResourceAdapterInternalException("WildRTC STUN/TURN server " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        RunningServer server = running;
        running = null;
        if (server != null) {
            server.transport().close();
        }
    }

    /** The running server, for connection handles. */
    RunningServer running() throws ResourceException {
        RunningServer server = running;
        if (server == null) {
            throw new ResourceException("the WildRTC STUN/TURN server is not running");
        }
        return server;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new NotSupportedException("the WildRTC STUN/TURN connector has no inbound endpoints");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // No inbound endpoints are ever activated.
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getRelayAddress() {
        return relayAddress;
    }

    public void setRelayAddress(String relayAddress) {
        this.relayAddress = relayAddress;
    }

    public String getRelayAddressIpv6() {
        return relayAddressIpv6;
    }

    public void setRelayAddressIpv6(String relayAddressIpv6) {
        this.relayAddressIpv6 = relayAddressIpv6;
    }

    public String getExternalAddress() {
        return externalAddress;
    }

    public void setExternalAddress(String externalAddress) {
        this.externalAddress = externalAddress;
    }

    public String getDiscoveryServer() {
        return discoveryServer;
    }

    public void setDiscoveryServer(String discoveryServer) {
        this.discoveryServer = discoveryServer;
    }

    public String getUriHost() {
        return uriHost;
    }

    public void setUriHost(String uriHost) {
        this.uriHost = uriHost;
    }

    public Integer getTlsPort() {
        return tlsPort;
    }

    public void setTlsPort(Integer tlsPort) {
        this.tlsPort = tlsPort;
    }

    public String getTlsKeystore() {
        return tlsKeystore;
    }

    public void setTlsKeystore(String tlsKeystore) {
        this.tlsKeystore = tlsKeystore;
    }

    public String getTlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    public void setTlsKeystorePassword(String tlsKeystorePassword) {
        this.tlsKeystorePassword = tlsKeystorePassword;
    }

    public Integer getEventLoops() {
        return eventLoops;
    }

    public void setEventLoops(Integer eventLoops) {
        this.eventLoops = eventLoops;
    }

    public Integer getMinPort() {
        return minPort;
    }

    public void setMinPort(Integer minPort) {
        this.minPort = minPort;
    }

    public Integer getMaxPort() {
        return maxPort;
    }

    public void setMaxPort(Integer maxPort) {
        this.maxPort = maxPort;
    }

    public String getRealm() {
        return realm;
    }

    public void setRealm(String realm) {
        this.realm = realm;
    }

    public String getAuthSecret() {
        return authSecret;
    }

    public void setAuthSecret(String authSecret) {
        this.authSecret = authSecret;
    }

    public String getUsers() {
        return users;
    }

    public void setUsers(String users) {
        this.users = users;
    }

    public String getAllowedPeers() {
        return allowedPeers;
    }

    public void setAllowedPeers(String allowedPeers) {
        this.allowedPeers = allowedPeers;
    }

    public String getDeniedPeers() {
        return deniedPeers;
    }

    public void setDeniedPeers(String deniedPeers) {
        this.deniedPeers = deniedPeers;
    }

    public Integer getMaxAllocations() {
        return maxAllocations;
    }

    public void setMaxAllocations(Integer maxAllocations) {
        this.maxAllocations = maxAllocations;
    }

    public Integer getMaxAllocationsPerUser() {
        return maxAllocationsPerUser;
    }

    public void setMaxAllocationsPerUser(Integer maxAllocationsPerUser) {
        this.maxAllocationsPerUser = maxAllocationsPerUser;
    }

    public Long getMaxBytesPerSecond() {
        return maxBytesPerSecond;
    }

    public void setMaxBytesPerSecond(Long maxBytesPerSecond) {
        this.maxBytesPerSecond = maxBytesPerSecond;
    }

    public Integer getMaxLifetime() {
        return maxLifetime;
    }

    public void setMaxLifetime(Integer maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    public Integer getMaxPermissionsPerAllocation() {
        return maxPermissionsPerAllocation;
    }

    public void setMaxPermissionsPerAllocation(Integer maxPermissionsPerAllocation) {
        this.maxPermissionsPerAllocation = maxPermissionsPerAllocation;
    }

    public Integer getMaxReservations() {
        return maxReservations;
    }

    public void setMaxReservations(Integer maxReservations) {
        this.maxReservations = maxReservations;
    }

    public Integer getMaxAuthFailuresPerMinute() {
        return maxAuthFailuresPerMinute;
    }

    public void setMaxAuthFailuresPerMinute(Integer maxAuthFailuresPerMinute) {
        this.maxAuthFailuresPerMinute = maxAuthFailuresPerMinute;
    }

    public Integer getMaxChallengesPerSecond() {
        return maxChallengesPerSecond;
    }

    public void setMaxChallengesPerSecond(Integer maxChallengesPerSecond) {
        this.maxChallengesPerSecond = maxChallengesPerSecond;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getMaxConnectionsPerSource() {
        return maxConnectionsPerSource;
    }

    public void setMaxConnectionsPerSource(Integer maxConnectionsPerSource) {
        this.maxConnectionsPerSource = maxConnectionsPerSource;
    }

    public Integer getConnectionIdleTimeout() {
        return connectionIdleTimeout;
    }

    public void setConnectionIdleTimeout(Integer connectionIdleTimeout) {
        this.connectionIdleTimeout = connectionIdleTimeout;
    }

    public Integer getMaxPendingPeerConnections() {
        return maxPendingPeerConnections;
    }

    public void setMaxPendingPeerConnections(Integer maxPendingPeerConnections) {
        this.maxPendingPeerConnections = maxPendingPeerConnections;
    }

    public Integer getMaxConnectAttempts() {
        return maxConnectAttempts;
    }

    public void setMaxConnectAttempts(Integer maxConnectAttempts) {
        this.maxConnectAttempts = maxConnectAttempts;
    }

    public Boolean getStrictExpiry() {
        return strictExpiry;
    }

    public void setStrictExpiry(Boolean strictExpiry) {
        this.strictExpiry = strictExpiry;
    }

    public String getAlternateServer() {
        return alternateServer;
    }

    public void setAlternateServer(String alternateServer) {
        this.alternateServer = alternateServer;
    }

    // JCA 1.7 §5.3.1: a ResourceAdapter JavaBean compares by its configuration.
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TurnResourceAdapter that)) {
            return false;
        }
        return Objects.equals(bindAddress, that.bindAddress)
                && Objects.equals(port, that.port)
                && Objects.equals(relayAddress, that.relayAddress)
                && Objects.equals(relayAddressIpv6, that.relayAddressIpv6)
                && Objects.equals(externalAddress, that.externalAddress)
                && Objects.equals(discoveryServer, that.discoveryServer)
                && Objects.equals(uriHost, that.uriHost)
                && Objects.equals(tlsPort, that.tlsPort)
                && Objects.equals(tlsKeystore, that.tlsKeystore)
                && Objects.equals(tlsKeystorePassword, that.tlsKeystorePassword)
                && Objects.equals(eventLoops, that.eventLoops)
                && Objects.equals(minPort, that.minPort)
                && Objects.equals(maxPort, that.maxPort)
                && Objects.equals(realm, that.realm)
                && Objects.equals(authSecret, that.authSecret)
                && Objects.equals(strictExpiry, that.strictExpiry)
                && Objects.equals(alternateServer, that.alternateServer)
                && Objects.equals(users, that.users)
                && Objects.equals(allowedPeers, that.allowedPeers)
                && Objects.equals(deniedPeers, that.deniedPeers)
                && Objects.equals(maxAllocations, that.maxAllocations)
                && Objects.equals(maxAllocationsPerUser, that.maxAllocationsPerUser)
                && Objects.equals(maxBytesPerSecond, that.maxBytesPerSecond)
                && Objects.equals(maxLifetime, that.maxLifetime)
                && Objects.equals(maxPermissionsPerAllocation, that.maxPermissionsPerAllocation)
                && Objects.equals(maxReservations, that.maxReservations)
                && Objects.equals(maxAuthFailuresPerMinute, that.maxAuthFailuresPerMinute)
                && Objects.equals(maxChallengesPerSecond, that.maxChallengesPerSecond)
                && Objects.equals(maxConnections, that.maxConnections)
                && Objects.equals(maxConnectionsPerSource, that.maxConnectionsPerSource)
                && Objects.equals(connectionIdleTimeout, that.connectionIdleTimeout)
                && Objects.equals(maxPendingPeerConnections, that.maxPendingPeerConnections)
                && Objects.equals(maxConnectAttempts, that.maxConnectAttempts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, port, relayAddress, relayAddressIpv6, externalAddress, discoveryServer, uriHost,
                tlsPort, tlsKeystore,
                tlsKeystorePassword, eventLoops, minPort, maxPort, realm, authSecret, strictExpiry, alternateServer,
                users, allowedPeers, deniedPeers,
                maxAllocations, maxAllocationsPerUser, maxBytesPerSecond, maxLifetime, maxPermissionsPerAllocation,
                maxReservations, maxAuthFailuresPerMinute, maxChallengesPerSecond, maxConnections,
                maxConnectionsPerSource, connectionIdleTimeout, maxPendingPeerConnections, maxConnectAttempts);
    }
}
