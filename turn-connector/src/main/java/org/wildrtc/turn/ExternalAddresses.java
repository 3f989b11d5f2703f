package org.wildrtc.turn;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public addresses of a server behind 1:1 NAT (a cloud VM, whose interface holds a private
 * address the provider's edge translates), as coturn's {@code external-ip}: sockets bind the private
 * address, clients are told the public one (XOR-RELAYED-ADDRESS, RFC 8656 §7.2; the ICE URIs). The
 * config-property {@code externalAddress} lists them as {@code PUBLIC} or {@code PUBLIC/PRIVATE},
 * comma-separated; a bare {@code PUBLIC} maps the relay address of its family.
 */
public final class ExternalAddresses {
    private static final String PROPERTY = "externalAddress";
    public static final ExternalAddresses NONE = new ExternalAddresses(Map.of());

    /** One entry as written: {@code privateAddress} is null for a bare PUBLIC. */
    public record Entry(InetAddress publicAddress, InetAddress privateAddress) {
    }

    private final Map<InetAddress, InetAddress> publicByPrivate;

    private ExternalAddresses(Map<InetAddress, InetAddress> publicByPrivate) {
        this.publicByPrivate = Collections.unmodifiableMap(new LinkedHashMap<>(publicByPrivate));
    }

    /** Parses the list; fails with a message naming the property on anything that is not two literals of one family. */
    public static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            int slash = item.indexOf('/');
            InetAddress publicAddress = literal(item, slash < 0 ? item : item.substring(0, slash));
            InetAddress privateAddress = slash < 0 ? null : literal(item, item.substring(slash + 1));
            if (privateAddress != null && isIpv4(publicAddress) != isIpv4(privateAddress)) {
                throw refused(item, "the public and the private address must be of one family");
            }
            entries.add(new Entry(publicAddress, privateAddress));
        }
        return entries;
    }

    /** The first PRIVATE of that family, which relays bind when the server listens on all addresses. */
    public static Optional<InetAddress> firstPrivate(List<Entry> entries, boolean ipv4) {
        return entries.stream().map(Entry::privateAddress)
                .filter(address -> address != null && isIpv4(address) == ipv4).findFirst();
    }

    /**
     * The mapping: each PRIVATE (or, for a bare PUBLIC, the relay address of its family) to its public
     * address. Fails when a PRIVATE is not one of {@code localAddresses}, when a bare PUBLIC has no relay
     * address of its family, and when one private address would have two public ones or one public
     * address two private ones (1:1 NAT translates one to one).
     *
     * @param relayAddressIpv6 null when there are no IPv6 relays
     */
    public static ExternalAddresses resolve(List<Entry> entries, InetAddress relayAddress, InetAddress relayAddressIpv6,
                                            Set<InetAddress> localAddresses) {
        Map<InetAddress, InetAddress> publicByPrivate = new LinkedHashMap<>();
        for (Entry entry : entries) {
            String item = written(entry);
            InetAddress privateAddress = entry.privateAddress();
            if (privateAddress == null) {
                privateAddress = isIpv4(entry.publicAddress()) ? relayAddress : relayAddressIpv6;
                if (privateAddress == null) {
                    throw refused(item, "there is no IPv6 relay address for it to map: set relayAddressIpv6 "
                            + "(-Dwildrtc.turn.relay-address-ipv6) or write PUBLIC/PRIVATE");
                }
            } else if (!localAddresses.contains(privateAddress)) {
                throw refused(item, privateAddress.getHostAddress() + " is not an address of this machine");
            }
            InetAddress earlier = publicByPrivate.putIfAbsent(privateAddress, entry.publicAddress());
            if (earlier != null && !earlier.equals(entry.publicAddress())) {
                throw refused(item, privateAddress.getHostAddress() + " already has the public address "
                        + earlier.getHostAddress());
            }
        }
        if (Set.copyOf(publicByPrivate.values()).size() < publicByPrivate.size()) {
            throw new IllegalArgumentException(PROPERTY + " (-Dwildrtc.turn.external-address) maps one public address "
                    + "to several private ones: " + publicByPrivate);
        }
        return new ExternalAddresses(publicByPrivate);
    }

    /** What clients are told for a local address: its public address, or itself when it has none. */
    public InetAddress advertised(InetAddress local) {
        return publicByPrivate.getOrDefault(local, local);
    }

    /** The public addresses, which the peer policy counts as the server's own. */
    public Set<InetAddress> publicAddresses() {
        return Set.copyOf(publicByPrivate.values());
    }

    /** Private to public, in the order configured. */
    public Map<InetAddress, InetAddress> mappings() {
        return publicByPrivate;
    }

    public boolean isEmpty() {
        return publicByPrivate.isEmpty();
    }

    private static InetAddress literal(String item, String text) {
        InetAddress address = IpLiteral.parse(text.startsWith("[") && text.endsWith("]")
                ? text.substring(1, text.length() - 1) : text)
                .orElseThrow(() -> refused(item, "'" + text + "' is not an IPv4 or IPv6 address"));
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw refused(item, address.getHostAddress() + " is a wildcard or multicast address");
        }
        return address;
    }

    private static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }

    private static String written(Entry entry) {
        return entry.publicAddress().getHostAddress()
                + (entry.privateAddress() == null ? "" : "/" + entry.privateAddress().getHostAddress());
    }

    private static IllegalArgumentException refused(String item, String reason) {
        return new IllegalArgumentException(PROPERTY + " (-Dwildrtc.turn.external-address) '" + item + "': " + reason);
    }
}
