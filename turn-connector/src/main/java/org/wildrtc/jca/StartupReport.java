package org.wildrtc.jca;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.wildrtc.transport.TransportConfig;
import org.wildrtc.turn.Cidr;
import org.wildrtc.turn.ExternalAddresses;

/**
 * What the start-up log says in one block: where the server listens, the relay addresses as clients
 * are told them, and the ICE URIs a client gets when the application does not know the host it was
 * reached by; and the warning for the commonest TURN misconfiguration, a server behind NAT that
 * tells clients its private address.
 */
final class StartupReport {
    /** RFC 1918, RFC 6598 (carrier-grade NAT) and RFC 4193 (unique local): addresses NAT hides. */
    private static final List<Cidr> PRIVATE = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("fc00::/7"));

    private StartupReport() {
    }

    /**
     * @param udpSockets the addresses UDP sockets are bound to
     * @param tcp        the TCP listener (the UDP one's address and port)
     * @param engine     how the sockets are served
     * @param uris       the STUN and TURN URIs for an unknown request host
     */
    static String describe(TransportConfig config, List<InetSocketAddress> udpSockets, InetSocketAddress tcp,
                           Optional<InetSocketAddress> tls, String engine, List<String> uris) {
        ExternalAddresses external = config.external();
        StringBuilder text = new StringBuilder("WildRTC STUN/TURN server started")
                .append("\n  listening: udp ").append(addresses(udpSockets)).append("; tcp ").append(socket(tcp))
                .append(tls.map(address -> "; tls " + socket(address)).orElse("")).append(" with ").append(engine)
                .append("\n  relay addresses (bound -> told to clients): ").append(relay(config.relayAddress(), external));
        if (config.relayAddressIpv6() != null) {
            text.append(", ").append(relay(config.relayAddressIpv6(), external));
        }
        text.append(", ports ").append(config.minRelayPort()).append('-').append(config.maxRelayPort());
        external.mappings().forEach((privateAddress, publicAddress) -> {
            if (!privateAddress.equals(config.relayAddress()) && !privateAddress.equals(config.relayAddressIpv6())) {
                text.append("\n  external address: ").append(privateAddress.getHostAddress()).append(" -> ")
                        .append(publicAddress.getHostAddress());
            }
        });
        return text.append("\n  ICE URIs when the request's host is unknown: ").append(String.join(" ", uris))
                .toString();
    }

    /**
     * The warning when the server listens on all addresses or on a private one, relays from an address
     * that is not public, and has no external address: clients elsewhere would be told an address they
     * cannot reach. Loopback (tests, a laptop) is not warned about.
     */
    static Optional<String> natWarning(TransportConfig config) {
        InetAddress listener = config.udpListener().getAddress();
        InetAddress relay = config.relayAddress();
        boolean publicRelay = !isPrivate(relay) && !relay.isLoopbackAddress() && !relay.isLinkLocalAddress();
        if (!config.external().isEmpty() || publicRelay || !(listener.isAnyLocalAddress() || isPrivate(listener))) {
            return Optional.empty();
        }
        return Optional.of("STUN/TURN listens on " + listener.getHostAddress() + " and tells clients the relay "
                + "address " + relay.getHostAddress() + ", which is not public, and no external address is set: "
                + "behind NAT (a cloud VM's private address), clients elsewhere cannot reach their relays. Set "
                + "wildrtc.turn.external-address=PUBLIC/PRIVATE (the externalAddress config-property), or auto with "
                + "wildrtc.turn.discovery-server=host:port");
    }

    static boolean isPrivate(InetAddress address) {
        return PRIVATE.stream().anyMatch(block -> block.contains(address));
    }

    private static String relay(InetAddress bound, ExternalAddresses external) {
        InetAddress told = external.advertised(bound);
        return bound.getHostAddress() + (told.equals(bound) ? "" : " -> " + told.getHostAddress());
    }

    private static String addresses(List<InetSocketAddress> sockets) {
        return sockets.stream().map(StartupReport::socket).collect(Collectors.joining(", "));
    }

    private static String socket(InetSocketAddress address) {
        return IceServerUris.literal(address.getAddress()) + ":" + address.getPort();
    }
}
