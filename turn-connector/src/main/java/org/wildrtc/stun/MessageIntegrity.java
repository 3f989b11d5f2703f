package org.wildrtc.stun;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Function;
import javax.crypto.Mac;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5, HMAC-SHA1, 20 bytes) and MESSAGE-INTEGRITY-SHA256 (§14.6,
 * HMAC-SHA256, 32 bytes). The HMAC covers the message up to the attribute, with the header's length
 * field counting the attribute itself but nothing after it.
 */
public enum MessageIntegrity {
    SHA1(AttributeType.MESSAGE_INTEGRITY, Hmac::sha1, 20),
    SHA256(AttributeType.MESSAGE_INTEGRITY_SHA256, Hmac::sha256, 32);

    /** RFC 8489 §14.6: MESSAGE-INTEGRITY-SHA256 may be truncated, to no fewer than 16 bytes. */
    private static final int MIN_TRUNCATED_LENGTH = 16;

    private final int attributeType;
    private final Function<byte[], Mac> hmac;
    private final int length;

    MessageIntegrity(int attributeType, Function<byte[], Mac> hmac, int length) {
        this.attributeType = attributeType;
        this.hmac = hmac;
        this.length = length;
    }

    /** Which integrity a request carries; SHA-256 wins when both are there (RFC 8489 §9.2.4). */
    public static MessageIntegrity of(StunMessage message) {
        if (message.has(SHA256.attributeType)) {
            return SHA256;
        }
        return message.has(SHA1.attributeType) ? SHA1 : null;
    }

    /** Appends the attribute, keyed with {@code key}. */
    public MessageWriter append(MessageWriter writer, byte[] key) {
        writer.updateLength(writer.size() - StunMessage.HEADER_LENGTH + 4 + length);
        Mac mac = hmac.apply(key);
        mac.update(writer.written());
        return writer.attribute(attributeType, mac.doFinal());
    }

    /** True when the message carries this attribute and its HMAC verifies with {@code key}. */
    public boolean verify(StunMessage message, byte[] key) {
        RawAttribute attribute = message.attribute(attributeType).orElse(null);
        if (attribute == null || attribute.length() > length
                || attribute.length() < (this == SHA1 ? length : MIN_TRUNCATED_LENGTH)) {
            return false;
        }
        // The bytes before the attribute, the header's length field replaced, hashed in place.
        byte[] bytes = message.bytes();
        int coveredLength = attribute.offset() - StunMessage.HEADER_LENGTH + 4 + attribute.length();
        Mac mac = hmac.apply(key);
        mac.update(bytes, 0, 2);
        mac.update((byte) (coveredLength >>> 8));
        mac.update((byte) coveredLength);
        mac.update(bytes, 4, attribute.offset() - 4);
        byte[] received = message.value(attribute);
        return MessageDigest.isEqual(Arrays.copyOf(mac.doFinal(), received.length), received);
    }
}
