package org.wildrtc.jca;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.wildrtc.turn.ExternalAddresses;
import org.wildrtc.turn.IpLiteral;

/**
 * The STUN (RFC 7064) and TURN (RFC 7065) URIs clients are given, and the host they name: the
 * configured {@code uriHost} when set; else the host the client reached the application by, when it
 * is a name or an address clients can use; else each listener's advertised address.
 */
final class IceServerUris {
    /** RFC 1123 §2.1 host names: letters, digits and inner hyphens, 63 per label, 253 in all. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");
    /** RFC 3696 §2: a top-level domain is not all-numeric, so 1.2.3.999 is neither a name nor an address. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(.*\\.)?[0-9]+\\.?");

    private final String uriHost;
    private final ExternalAddresses external;
    private final InetAddress relayAddress;
    private final List<InetSocketAddress> udpListeners;
    private final Optional<InetSocketAddress> tlsListener;

    /**
     * @param uriHost      the configured host, as {@link #host} made it, or null
     * @param relayAddress what a listener on all addresses is reached at (before the NAT mapping)
     * @param udpListeners the STUN/TURN listeners; TCP listens on the same addresses and ports
     */
    IceServerUris(String uriHost, ExternalAddresses external, InetAddress relayAddress,
                  List<InetSocketAddress> udpListeners, Optional<InetSocketAddress> tlsListener) {
        this.uriHost = uriHost;
        this.external = external;
        this.relayAddress = relayAddress;
        this.udpListeners = List.copyOf(udpListeners);
        this.tlsListener = tlsListener;
    }

    /**
     * {@code host}, as a URI authority writes it (an IPv6 literal in brackets), or empty when clients could not use
     * it: not a DNS name or an IP literal, a wildcard, or, behind 1:1 NAT, an address that is not public.
     */
    static Optional<String> host(String host, ExternalAddresses external) {
        if (host == null) {
            return Optional.empty();
        }
        Optional<InetAddress> literal = host.startsWith("[") && host.endsWith("]")
                ? IpLiteral.parse(host.substring(1, host.length() - 1)).filter(Inet6Address.class::isInstance)
                : IpLiteral.parse(host).filter(Inet4Address.class::isInstance);
        if (literal.isEmpty()) {
            return DNS_NAME.matcher(host).matches() && !NUMERIC_LAST_LABEL.matcher(host).matches()
                    && !isLocalhost(host) ? Optional.of(host) : Optional.empty();
        }
        InetAddress address = literal.get();
        if (address.isAnyLocalAddress()
                || (!external.isEmpty() && !external.publicAddresses().contains(address))) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    /**
     * RFC 6761 §6.3: {@code localhost} and the names under it are loopback, of either family. A browser
     * may take {@code ::1} for it while TURN listens on 127.0.0.1 only, so the listener's own address
     * is named instead: the same machine, without the guess.
     */
    private static boolean isLocalhost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    List<String> stun(String requestHost) {
        Optional<String> host = chosen(requestHost);
        return uris("stun:", udpListeners, "", host);
    }

    /** TURN over UDP and TCP on the main ports, and over TLS (turns:) when it listens (RFC 7065 §3). */
    List<String> turn(String requestHost) {
        Optional<String> host = chosen(requestHost);
        List<String> uris = new ArrayList<>(uris("turn:", udpListeners, "?transport=udp", host));
        uris.addAll(uris("turn:", udpListeners, "?transport=tcp", host));
        tlsListener.ifPresent(tls -> uris.addAll(uris("turns:", List.of(tls), "?transport=tcp", host)));
        return uris;
    }

    private Optional<String> chosen(String requestHost) {
        return uriHost != null ? Optional.of(uriHost) : host(requestHost, external);
    }

    /** One URI per listener port, named by {@code host} or else by each listener's advertised address. */
    private List<String> uris(String scheme, List<InetSocketAddress> listeners, String suffix, Optional<String> host) {
        Set<String> uris = new LinkedHashSet<>();
        for (InetSocketAddress listener : listeners) {
            uris.add(scheme + host.orElseGet(() -> literal(advertised(listener))) + ":" + listener.getPort() + suffix);
        }
        return List.copyOf(uris);
    }

    /** Where clients reach a listener: its public address, else its own, else the relay's when it listens on all. */
    InetAddress advertised(InetSocketAddress listener) {
        InetAddress address = listener.getAddress().isAnyLocalAddress() ? relayAddress : listener.getAddress();
        return external.advertised(address);
    }

    /** RFC 7064 §3.1 / RFC 7065 §3.1: an IPv6 literal host is written in brackets, without a zone. */
    static String literal(InetAddress host) {
        String literal = host.getHostAddress();
        if (host instanceof Inet6Address) {
            int scope = literal.indexOf('%');
            literal = "[" + (scope < 0 ? literal : literal.substring(0, scope)) + "]";
        }
        return literal;
    }
}
