package org.wildrtc.turn;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address written as a literal, parsed without ever asking DNS: {@code 192.0.2.1},
 * {@code 2001:db8::1}. Java's own parser would look any other text up as a host name.
 */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Hex groups and colons, with a dotted IPv4 tail allowed (RFC 4291 §2.2); no zone (RFC 4007). */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private IpLiteral() {
    }

    /** The address {@code text} spells, or empty when it is not a literal (a name, junk, a zone). */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            // Numeric text never reaches a resolver: the JDK parses it or refuses it.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
