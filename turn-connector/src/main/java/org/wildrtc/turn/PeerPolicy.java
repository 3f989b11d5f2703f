package org.wildrtc.turn;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which peers a client may relay to. Closed by default (RFC 8656 §21.2.3, and the CVE-2020-26262
 * class of bugs): an open relay into loopback, private networks or the server itself lets anyone on
 * the Internet reach services that trust those addresses. Every address that is not globally
 * reachable ({@link SpecialPurposeAddresses}) is refused, and so is an IPv6 address that carries
 * such an IPv4 one ({@link EmbeddedIpv4}). Admins allow blocks explicitly; an allowed block wins
 * over a denied one, so {@code 127.0.0.1/32} can be opened for tests.
 *
 * <p>On the server's own addresses only the relay port range is open: two clients that both relay
 * through this server (both behind strict NATs) send to each other's relayed addresses, and nothing
 * else there may be reached (not the web or management ports).
 */
public final class PeerPolicy {
    private final List<Cidr> allowed;
    private final List<Cidr> extraDenied;
    private final Set<InetAddress> serverAddresses;
    private final int minRelayPort;
    private final int maxRelayPort;

    /**
     * @param allowed         blocks always permitted
     * @param extraDenied     blocks refused in addition to the defaults
     * @param serverAddresses the server's own addresses: only their relay ports may be reached
     * @param minRelayPort    the relay port range, inclusive
     * @param maxRelayPort    its end, inclusive
     */
    public PeerPolicy(List<Cidr> allowed, List<Cidr> extraDenied, Set<InetAddress> serverAddresses,
                      int minRelayPort, int maxRelayPort) {
        this.allowed = List.copyOf(allowed);
        this.extraDenied = List.copyOf(extraDenied);
        this.serverAddresses = Set.copyOf(serverAddresses);
        this.minRelayPort = minRelayPort;
        this.maxRelayPort = maxRelayPort;
    }

    /** Parses comma- or space-separated CIDR lists, as admins write them in config-properties. */
    public static List<Cidr> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    public boolean permits(InetSocketAddress peer) {
        InetAddress address = unmapped(peer.getAddress());
        if (isAllowed(address)) {
            return true;
        }
        if (serverAddresses.contains(address)) {
            return peer.getPort() >= minRelayPort && peer.getPort() <= maxRelayPort;
        }
        if (isDenied(address)) {
            return false;
        }
        // A translator or tunnel delivers to the IPv4 address an IPv6 one carries: judge that too.
        for (InetAddress carried : EmbeddedIpv4.in(address)) {
            if (!isAllowed(carried) && (isDenied(carried) || serverAddresses.contains(carried))) {
                return false;
            }
        }
        return true;
    }

    private boolean isAllowed(InetAddress address) {
        return allowed.stream().anyMatch(block -> block.contains(address));
    }

    /** Not globally reachable (the registries' exceptions are), or denied by the admin. */
    private boolean isDenied(InetAddress address) {
        return (SpecialPurposeAddresses.NOT_GLOBAL.stream().anyMatch(block -> block.contains(address))
                && SpecialPurposeAddresses.GLOBAL_INSIDE.stream().noneMatch(block -> block.contains(address)))
                || extraDenied.stream().anyMatch(block -> block.contains(address));
    }

    /** Whether {@code peer} is one of the server's own addresses, whose ports must be checked per message. */
    public boolean isServerAddress(InetAddress peer) {
        return serverAddresses.contains(unmapped(peer));
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address it carries. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException impossible) {
                    return address;
                }
            }
        }
        return address;
    }
}
