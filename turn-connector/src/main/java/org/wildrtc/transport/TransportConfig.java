package org.wildrtc.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.wildrtc.turn.ExternalAddresses;
import org.wildrtc.turn.TurnConfig;

/**
 * What the transport listens on and relays from.
 *
 * @param udpListener   the STUN/TURN UDP address (RFC 8656 §3: port 3478 by default)
 * @param relayAddress  the address IPv4 relay sockets bind to (XOR-RELAYED-ADDRESS names it, or its public address)
 * @param relayAddressIpv6 the address of IPv6 relays (RFC 6156), or null when clients cannot have one
 * @param external      the public addresses behind 1:1 NAT: relays bind the relay addresses and
 *                      XOR-RELAYED-ADDRESS names their public ones
 * @param minRelayPort  the relay port range, inclusive (RFC 8656 §7.2 suggests 49152–65535)
 * @param maxRelayPort  the end of the range, inclusive
 * @param eventLoops    how many event loops (threads) serve the sockets; each has its own listening
 *                      socket on the same port (SO_REUSEPORT) and the relays of its clients
 * @param tls           TURN over TLS, or null for none
 * @param turn          the protocol settings
 * @param streams       limits on TCP and TLS client connections
 */
public record TransportConfig(InetSocketAddress udpListener, InetAddress relayAddress, InetAddress relayAddressIpv6,
                              ExternalAddresses external, int minRelayPort,
                              int maxRelayPort, int eventLoops, Tls tls, TurnConfig turn, StreamLimits streams) {

    /**
     * Limits on TCP and TLS client connections, both listeners together; a connection over a cap is
     * closed as it opens.
     *
     * @param maxConnections          connections at once on the server
     * @param maxConnectionsPerSource connections at once from one source address
     * @param idleSeconds             how long a connection that holds no allocation may send nothing
     *                                before it is closed
     * @param maxPendingPeerConnections RFC 6062: peer connections one TCP allocation may have waiting
     *                                for a ConnectionBind, Connects under way included (each waits 30 s
     *                                at most, §5.3)
     * @param maxConnectAttempts      RFC 6062: Connect requests one TCP allocation may have under way
     */
    public record StreamLimits(int maxConnections, int maxConnectionsPerSource, int idleSeconds,
                               int maxPendingPeerConnections, int maxConnectAttempts) {
        public StreamLimits {
            if (maxConnections < 1 || maxConnectionsPerSource < 1 || idleSeconds < 1 || maxPendingPeerConnections < 1
                    || maxConnectAttempts < 1) {
                throw new IllegalArgumentException("maxConnections, maxConnectionsPerSource, connectionIdleTimeout, "
                        + "maxPendingPeerConnections and maxConnectAttempts must be at least 1");
            }
        }
    }

    /**
     * TURN over TLS (RFC 8656 §3.1, port 5349 by default).
     *
     * @param listener the TLS address
     * @param keystore a PKCS12 or JKS key store holding the server's key and certificate
     * @param password the key store's password, also the key's
     */
    public record Tls(InetSocketAddress listener, Path keystore, char[] password) {
        @Override
        public String toString() {
            return "Tls[" + listener + ", " + keystore + "]";
        }
    }

    public TransportConfig {
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be at least 1, not " + eventLoops);
        }
        if (relayAddress.isAnyLocalAddress() || !(relayAddress instanceof java.net.Inet4Address)) {
            throw new IllegalArgumentException("the relay address must be an IPv4 address clients and peers can "
                    + "reach, not " + relayAddress.getHostAddress() + ": set relayAddress (and relayAddressIpv6 for "
                    + "IPv6 relays) when listening on all addresses or on IPv6");
        }
        if (relayAddressIpv6 != null && (relayAddressIpv6.isAnyLocalAddress()
                || !(relayAddressIpv6 instanceof java.net.Inet6Address))) {
            throw new IllegalArgumentException("relayAddressIpv6 must be an IPv6 address clients and peers can reach, "
                    + "not " + relayAddressIpv6.getHostAddress());
        }
        if (minRelayPort < 1 || maxRelayPort > 65535 || minRelayPort > maxRelayPort) {
            throw new IllegalArgumentException("the relay port range " + minRelayPort + "-" + maxRelayPort
                    + " is not within 1-65535 with min <= max");
        }
    }
}
