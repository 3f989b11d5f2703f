package org.wildrtc.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.wildrtc.turn.Cidr;
import org.wildrtc.turn.IpLiteral;

/**
 * The reverse proxies whose {@code X-Forwarded-*} headers we believe ({@code wildrtc.trusted-proxies}):
 * anyone can send those headers, so they count only on a connection from one of these blocks. A
 * proxy appends the address it was connected from to {@code X-Forwarded-For}, so reading it from the
 * right, the first address that is not one of our proxies is the client; whatever lies to its left
 * the client wrote itself.
 */
public final class TrustedProxies {
    public static final String DEFAULT = "127.0.0.0/8,::1/128";

    private final List<Cidr> blocks;

    private TrustedProxies(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * @param list comma-separated address blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, a bare
     *             address); an empty list trusts nobody
     * @throws IllegalArgumentException when an entry is not an address block
     */
    public static TrustedProxies parse(String list) {
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                blocks.add(Cidr.parse(entry));
            }
        }
        return new TrustedProxies(blocks);
    }

    /** @param address a numeric address, as {@code HttpServletRequest.getRemoteAddr()} gives it */
    public boolean trusts(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && blocks.stream().anyMatch(block -> block.contains(parsed));
    }

    /**
     * The client's address: the connection's, unless that is a trusted proxy; then the rightmost
     * {@code X-Forwarded-For} entry that is not a trusted proxy (or the leftmost, when every entry is
     * one). An entry that is not an address ends the walk at the trusted hop after it: that proxy
     * is the last one we can vouch for.
     *
     * @param remoteAddress the connection's source, a numeric address
     * @param forwardedFor  the {@code X-Forwarded-For} header values in order, or null
     */
    public String client(String remoteAddress, List<String> forwardedFor) {
        if (forwardedFor == null || !trusts(remoteAddress)) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = remoteAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(withoutPort(hops.get(i)));
            if (hop == null) {
                break;
            }
            client = hop.getHostAddress();
            if (!trusts(client)) {
                break;
            }
        }
        return client;
    }

    /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711}, as some proxies write them (RFC 7239 §6 allows ports). */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The address a numeric literal names; null for anything else, never a DNS lookup. */
    private static InetAddress literal(String text) {
        return IpLiteral.parse(text).orElse(null);
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
