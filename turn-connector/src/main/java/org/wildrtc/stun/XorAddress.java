package org.wildrtc.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The XOR-ed address attributes: XOR-MAPPED-ADDRESS (RFC 8489 §14.2) and, with the same
 * encoding, XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS (RFC 8656 §18.3, §18.5).
 *
 * <p>The port is XOR-ed with the cookie's top 16 bits; an IPv4 address with the cookie, an IPv6
 * address with the cookie followed by the transaction id.
 */
public final class XorAddress {
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;

    private XorAddress() {
    }

    public static MessageWriter write(MessageWriter writer, int attributeType, InetSocketAddress address,
                                      byte[] transactionId) {
        byte[] ip = address.getAddress().getAddress();
        int length = 4 + ip.length;
        ByteBuffer out = writer.beginAttribute(attributeType, length);
        out.put((byte) 0);
        out.put((byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6));
        out.putShort((short) (address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16)));
        // Four bytes at a time: the address's first four with the cookie, an IPv6 address's other
        // twelve with the transaction id (RFC 8489 §14.2).
        out.putInt(StunDecoder.readInt(ip, 0) ^ StunMessage.MAGIC_COOKIE);
        for (int i = 4; i < ip.length; i += 4) {
            out.putInt(StunDecoder.readInt(ip, i) ^ StunDecoder.readInt(transactionId, i - 4));
        }
        return writer.endAttribute(length);
    }

    /** Reads the first attribute of that type; empty when absent or malformed. */
    public static Optional<InetSocketAddress> read(StunMessage message, int attributeType) {
        return message.attribute(attributeType).flatMap(attribute -> decode(message, attribute));
    }

    /** Reads every attribute of that type, in order (CreatePermission may carry several XOR-PEER-ADDRESS). */
    public static List<Optional<InetSocketAddress>> readAll(StunMessage message, int attributeType) {
        return message.attributes().stream()
                .filter(attribute -> attribute.type() == attributeType)
                .map(attribute -> decode(message, attribute))
                .toList();
    }

    private static Optional<InetSocketAddress> decode(StunMessage message, RawAttribute attribute) {
        byte[] value = message.value(attribute);
        if (value.length < 4) {
            return Optional.empty();
        }
        int family = value[1];
        int ipLength = family == FAMILY_IPV4 ? 4 : family == FAMILY_IPV6 ? 16 : -1;
        if (value.length != 4 + ipLength) {
            return Optional.empty();
        }
        int port = StunDecoder.readShort(value, 2) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        byte[] mask = mask(message.transactionId());
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = (byte) (value[4 + i] ^ mask[i]);
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(ip), port));
        } catch (UnknownHostException impossibleForFourOrSixteenBytes) {
            return Optional.empty();
        }
    }

    private static byte[] mask(byte[] transactionId) {
        return ByteBuffer.allocate(16).putInt(StunMessage.MAGIC_COOKIE).put(transactionId).array();
    }
}
