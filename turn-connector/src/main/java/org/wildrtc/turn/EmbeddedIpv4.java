package org.wildrtc.turn;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries, for the transition mechanisms that deliver a packet
 * to such an IPv6 address at the IPv4 one it holds: a relay that may reach the IPv6 address reaches
 * the IPv4 host too, so the peer policy judges both.
 */
final class EmbeddedIpv4 {
    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64_WELL_KNOWN = Cidr.parse("64:ff9b::/96");
    private static final Cidr NAT64_LOCAL = Cidr.parse("64:ff9b:1::/48");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr TEREDO = Cidr.parse("2001::/32");

    private EmbeddedIpv4() {
    }

    /** The IPv4 addresses {@code address} carries; none for an IPv4 address or a plain IPv6 one. */
    static List<InetAddress> in(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return List.of();
        }
        byte[] bytes = address.getAddress();
        List<InetAddress> embedded = new ArrayList<>(2);
        if (IPV4_COMPATIBLE.contains(address) || NAT64_WELL_KNOWN.contains(address)) {
            // RFC 4291 §2.5.5.1 (deprecated IPv4-compatible) and RFC 6052 §2.2 (/96 prefix): the last 32 bits.
            embedded.add(ipv4(bytes[12], bytes[13], bytes[14], bytes[15]));
        } else if (NAT64_LOCAL.contains(address)) {
            // RFC 8215 with RFC 6052 §2.2 for a /48 prefix: bits 48-63, then 72-87 past the u octet.
            embedded.add(ipv4(bytes[6], bytes[7], bytes[9], bytes[10]));
        } else if (SIX_TO_FOUR.contains(address)) {
            // RFC 3056 §2: 2002:V4ADDR::/48.
            embedded.add(ipv4(bytes[2], bytes[3], bytes[4], bytes[5]));
        } else if (TEREDO.contains(address)) {
            // RFC 4380 §4: the Teredo server in bits 32-63, the client's mapped address inverted in the last 32.
            embedded.add(ipv4(bytes[4], bytes[5], bytes[6], bytes[7]));
            embedded.add(ipv4((byte) ~bytes[12], (byte) ~bytes[13], (byte) ~bytes[14], (byte) ~bytes[15]));
        }
        return embedded;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are always an IPv4 address", impossible);
        }
    }
}
