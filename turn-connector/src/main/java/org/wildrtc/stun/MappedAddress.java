package org.wildrtc.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The plain (not XOR-ed) address attributes: MAPPED-ADDRESS (RFC 8489 §14.1) and, with the same
 * encoding, ALTERNATE-SERVER (§14.15): a zero byte, the family, the port and the address.
 */
public final class MappedAddress {
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;

    private MappedAddress() {
    }

    public static MessageWriter write(MessageWriter writer, int attributeType, InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        int length = 4 + ip.length;
        ByteBuffer out = writer.beginAttribute(attributeType, length);
        out.put((byte) 0);
        out.put((byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6));
        out.putShort((short) address.getPort());
        out.put(ip);
        return writer.endAttribute(length);
    }
}
