package org.wildrtc.it;

import java.util.ArrayList;
import java.util.List;

/**
 * A cloud VM and its clients, built from network namespaces linked by veth pairs, with documentation
 * addresses only (RFC 5737, RFC 2544) and no link to the machine's own interfaces:
 *
 * <pre>
 *   vm 198.18.0.10, .11 ── router ──┐ "internet": a bridge, 203.0.113.0/24
 *   (private network    1:1 NAT     ├── office 203.0.113.20 (its firewall lets in only answers)
 *    198.18.0.0/24)     203.0.113.61├── peer 203.0.113.40
 *                                   └── home NAT 203.0.113.30 ── home 198.51.100.10
 *                                       (symmetric NAT)
 * </pre>
 *
 * The VM has only private addresses, as in a cloud: the router maps the public address to the first
 * one both ways (hairpin included), and drops what the internet sends to the private network
 * unasked. Office and home can reach each other only through a relay.
 */
final class CloudTopology implements AutoCloseable {
    static final String PUBLIC_ADDRESS = "203.0.113.61";
    static final String PRIVATE_ADDRESS = "198.18.0.10";
    /** The VM's second address on its network, for the multi-homing checks. */
    static final String SECOND_PRIVATE_ADDRESS = "198.18.0.11";
    static final String OFFICE_ADDRESS = "203.0.113.20";
    static final String HOME_NAT_ADDRESS = "203.0.113.30";
    static final String PEER_ADDRESS = "203.0.113.40";
    /** Every range the topology uses: relaying to them must be allowed (the peer policy denies them by default). */
    static final String RANGES = "203.0.113.0/24,198.51.100.0/24,198.18.0.0/15";

    private static final String ROUTER_PUBLIC_ADDRESS = "203.0.113.1";
    private static final String ROUTER_PRIVATE_ADDRESS = "198.18.0.1";
    private static final String HOME_ADDRESS = "198.51.100.10";
    private static final String HOME_GATEWAY = "198.51.100.1";

    /** RFC 4787: a fresh random port for every mapping (address-and-port-dependent mapping, "symmetric"), and
     * conntrack lets in only answers from where a mapping went (address-and-port-dependent filtering). */
    private static final String SYMMETRIC_NAT = """
            table ip home_nat {
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                oifname "pub" masquerade fully-random
              }
              chain forward {
                type filter hook forward priority filter; policy drop;
                ct state established,related accept
                iifname "priv" oifname "pub" accept
              }
            }
            """;
    /** A client firewall as most have: answers in, nothing unasked. */
    private static final String ANSWERS_ONLY = """
            table ip office_firewall {
              chain input {
                type filter hook input priority filter; policy drop;
                ct state established,related accept
                iifname "lo" accept
              }
            }
            """;
    /**
     * The cloud's 1:1 NAT. SNAT on every packet from the VM also covers hairpin: the VM reaching its
     * own public address (a relay talking to another relay) is DNATed back to it, and must come from
     * the public address too, or the answer would not return through the router.
     */
    private static final String ONE_TO_ONE_NAT = """
            table ip cloud_nat {
              chain prerouting {
                type nat hook prerouting priority dstnat; policy accept;
                ip daddr %1$s dnat to %2$s
              }
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip saddr %2$s snat to %1$s
              }
              chain forward {
                type filter hook forward priority filter; policy drop;
                ct state established,related accept
                iifname "priv" accept
                iifname "pub" ct status dnat accept
              }
            }
            """.formatted(PUBLIC_ADDRESS, PRIVATE_ADDRESS);

    private final List<NetworkNamespace> namespaces = new ArrayList<>();
    private final Thread removal = new Thread(this::removeQuietly, "remove test namespaces");
    final NetworkNamespace internet;
    final NetworkNamespace router;
    final NetworkNamespace vm;
    final NetworkNamespace office;
    final NetworkNamespace homeNat;
    final NetworkNamespace home;
    final NetworkNamespace peer;

    /**
     * Builds the topology with namespaces named {@code <prefix>-<role>}; whatever fails on the way,
     * what was made is removed again, and a shutdown hook removes it should the JVM end before {@link #close()}.
     */
    CloudTopology(String prefix) throws Exception {
        Runtime.getRuntime().addShutdownHook(removal);
        try {
            internet = namespace(prefix, "internet");
            router = namespace(prefix, "router");
            vm = namespace(prefix, "vm");
            office = namespace(prefix, "office");
            homeNat = namespace(prefix, "homenat");
            home = namespace(prefix, "home");
            peer = namespace(prefix, "peer");
            build();
        } catch (Exception | Error e) {
            removeQuietly();
            throw e;
        }
    }

    private NetworkNamespace namespace(String prefix, String role) throws Exception {
        NetworkNamespace namespace = NetworkNamespace.create(prefix + "-" + role);
        namespaces.add(namespace);
        return namespace;
    }

    private void build() throws Exception {
        internet.ip("link", "add", "sw0", "type", "bridge");
        internet.ip("link", "set", "sw0", "up");
        plugIn(router, "pub", ROUTER_PUBLIC_ADDRESS, PUBLIC_ADDRESS);
        plugIn(office, "eth0", OFFICE_ADDRESS);
        plugIn(homeNat, "pub", HOME_NAT_ADDRESS);
        plugIn(peer, "eth0", PEER_ADDRESS);
        for (NetworkNamespace onTheInternet : List.of(office, homeNat, peer)) {
            onTheInternet.ip("route", "add", "default", "via", ROUTER_PUBLIC_ADDRESS);
        }

        link(router, "priv", ROUTER_PRIVATE_ADDRESS, vm, "eth0", PRIVATE_ADDRESS);
        vm.ip("address", "add", SECOND_PRIVATE_ADDRESS + "/24", "dev", "eth0");
        vm.ip("route", "add", "default", "via", ROUTER_PRIVATE_ADDRESS);
        router.sysctl("net/ipv4/ip_forward", "1");
        // Answers from the VM to the VM's public address leave by the interface they came in by:
        // no ICMP redirect must tell the VM to bypass the NAT.
        router.sysctl("net/ipv4/conf/all/send_redirects", "0");
        router.sysctl("net/ipv4/conf/priv/send_redirects", "0");
        router.nft(ONE_TO_ONE_NAT);

        link(homeNat, "priv", HOME_GATEWAY, home, "eth0", HOME_ADDRESS);
        home.ip("route", "add", "default", "via", HOME_GATEWAY);
        homeNat.sysctl("net/ipv4/ip_forward", "1");
        homeNat.nft(SYMMETRIC_NAT);

        office.nft(ANSWERS_ONLY);
    }

    /** A veth pair from {@code namespace} to a port of the internet's bridge. */
    private void plugIn(NetworkNamespace namespace, String device, String... addresses) throws Exception {
        String port = "to-" + namespace.name().substring(namespace.name().lastIndexOf('-') + 1);
        internet.ip("link", "add", port, "type", "veth", "peer", "name", device, "netns", namespace.name());
        internet.ip("link", "set", port, "master", "sw0", "up");
        for (String address : addresses) {
            namespace.ip("address", "add", address + "/24", "dev", device);
        }
        namespace.ip("link", "set", device, "up");
    }

    /** A veth pair between two namespaces, one /24 address at each end. */
    private static void link(NetworkNamespace gateway, String gatewayDevice, String gatewayAddress,
            NetworkNamespace host, String hostDevice, String hostAddress) throws Exception {
        gateway.ip("link", "add", gatewayDevice, "type", "veth", "peer", "name", hostDevice, "netns", host.name());
        gateway.ip("address", "add", gatewayAddress + "/24", "dev", gatewayDevice);
        host.ip("address", "add", hostAddress + "/24", "dev", hostDevice);
        gateway.ip("link", "set", gatewayDevice, "up");
        host.ip("link", "set", hostDevice, "up");
    }

    @Override
    public void close() {
        removeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(removal);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Deletes every namespace made, each even when another fails, and reports what failed. */
    private synchronized void removeQuietly() {
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            NetworkNamespace namespace = namespaces.get(i);
            try {
                namespace.delete();
            } catch (Exception e) {
                System.err.println("could not delete network namespace " + namespace + ": " + e);
            }
        }
        namespaces.clear();
    }
}
