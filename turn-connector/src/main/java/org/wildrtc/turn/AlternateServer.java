package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The server a draining one sends new allocations to (RFC 8489 §10, ALTERNATE-SERVER §14.15): an
 * address and port, since the attribute carries no name.
 */
public final class AlternateServer {
    private AlternateServer() {
    }

    /**
     * Parses {@code ip:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming what is wrong, when it is not one
     */
    public static InetSocketAddress parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid(text, "it has no port");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(text, "an IPv6 address is written in brackets, [2001:db8::1]:3478");
        }
        Optional<java.net.InetAddress> address = IpLiteral.parse(host);
        if (address.isEmpty() || address.get().isAnyLocalAddress()) {
            throw invalid(text, "'" + host + "' is not an IP address clients can use (the attribute carries no name)");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(text, "the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw invalid(text, "the port is not between 1 and 65535");
        }
        return new InetSocketAddress(address.get(), port);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("alternateServer (-Dwildrtc.turn.alternate-server) '" + text
                + "' is not ip:port or [ipv6]:port: " + why);
    }
}
