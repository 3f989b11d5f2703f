package org.wildrtc.turn;

import java.util.List;
import java.util.stream.Stream;

/**
 * The blocks of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 §2.2 and the RFCs
 * that added to them) whose "Globally Reachable" is False, and the few globally reachable blocks that
 * lie inside them. A relay must not reach any of the former (RFC 8656 §21.2.3): they are the
 * server's own networks, test and benchmarking ranges, or addresses with no host behind them.
 * Multicast, not in the registries, is refused with them: a relay sends unicast. IPv4-mapped IPv6
 * addresses (::ffff:0:0/96) are not listed: Java reads them as the IPv4 address they map, and so
 * does the peer policy.
 */
final class SpecialPurposeAddresses {
    /** Not globally reachable. */
    static final List<Cidr> NOT_GLOBAL = Stream.of(
            // IPv4
            "0.0.0.0/8",        // "this network", RFC 791
            "10.0.0.0/8",       // private, RFC 1918
            "100.64.0.0/10",    // shared address space (carrier-grade NAT), RFC 6598
            "127.0.0.0/8",      // loopback, RFC 1122
            "169.254.0.0/16",   // link-local, RFC 3927
            "172.16.0.0/12",    // private, RFC 1918
            "192.0.0.0/24",     // IETF protocol assignments, RFC 6890 (DS-Lite, dummy, NAT64 discovery)
            "192.0.2.0/24",     // documentation TEST-NET-1, RFC 5737
            "192.88.99.0/24",   // deprecated 6to4 relay anycast, RFC 7526
            "192.168.0.0/16",   // private, RFC 1918
            "198.18.0.0/15",    // benchmarking, RFC 2544
            "198.51.100.0/24",  // documentation TEST-NET-2, RFC 5737
            "203.0.113.0/24",   // documentation TEST-NET-3, RFC 5737
            "224.0.0.0/4",      // multicast, RFC 5771
            "240.0.0.0/4",      // reserved, RFC 1112, and the limited broadcast 255.255.255.255, RFC 919
            // IPv6
            "::/128",           // unspecified, RFC 4291
            "::1/128",          // loopback, RFC 4291
            "64:ff9b:1::/48",   // local-use IPv4/IPv6 translation, RFC 8215
            "100::/64",         // discard-only, RFC 6666
            "100:0:0:1::/64",   // dummy prefix, RFC 9780
            "2001::/23",        // IETF protocol assignments, RFC 2928 (benchmarking 2001:2::/48, ORCHID...)
            "2001:db8::/32",    // documentation, RFC 3849
            "3fff::/20",        // documentation, RFC 9637
            "5f00::/16",        // segment routing SIDs, RFC 9602
            "fc00::/7",         // unique local, RFC 4193
            "fe80::/10",        // link-local unicast, RFC 4291
            "fec0::/10",        // deprecated site-local, RFC 3879
            "ff00::/8")         // multicast, RFC 4291
            .map(Cidr::parse).toList();

    /** Globally reachable blocks inside {@link #NOT_GLOBAL} ones, as the registries list them. */
    static final List<Cidr> GLOBAL_INSIDE = Stream.of(
            "192.0.0.9/32",     // Port Control Protocol anycast, RFC 7723
            "192.0.0.10/32",    // TURN anycast, RFC 8155
            "2001::/32",        // Teredo, RFC 4380 (N/A in the registry; judged by the IPv4 it carries)
            "2001:1::1/128",    // Port Control Protocol anycast, RFC 7723
            "2001:1::2/128",    // TURN anycast, RFC 8155
            "2001:1::3/128",    // DNS-SD service registration protocol anycast, RFC 9665
            "2001:3::/32",      // AMT, RFC 7450
            "2001:4:112::/48",  // AS112-v6, RFC 7535
            "2001:20::/28",     // ORCHIDv2, RFC 7343
            "2001:30::/28")     // drone remote ID, RFC 9374
            .map(Cidr::parse).toList();

    private SpecialPurposeAddresses() {
    }
}
