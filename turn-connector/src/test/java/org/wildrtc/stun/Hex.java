package org.wildrtc.stun;

import java.util.HexFormat;

/** Test vectors are written as hex with spaces, the way RFC 5769 prints them. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
