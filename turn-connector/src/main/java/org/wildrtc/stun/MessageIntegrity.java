package org.wildrtc.stun;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5, HMAC-SHA1, 20 bytes) and MESSAGE-INTEGRITY-SHA256 (§14.6,
 * HMAC-SHA256, 32 bytes). The HMAC covers the message up to the attribute, with the header's length
 * field counting the attribute itself but nothing after it.
 */
public enum MessageIntegrity {
    SHA1(AttributeType.MESSAGE_INTEGRITY, "HmacSHA1", 20),
    SHA256(AttributeType.MESSAGE_INTEGRITY_SHA256, "HmacSHA256", 32);

    /** RFC 8489 §14.6: MESSAGE-INTEGRITY-SHA256 may be truncated, to no fewer than 16 bytes. */
    private static final int MIN_TRUNCATED_LENGTH = 16;

    private final int attributeType;
    private final String algorithm;
    private final int length;

    MessageIntegrity(int attributeType, String algorithm, int length) {
        this.attributeType = attributeType;
        this.algorithm = algorithm;
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
        Mac mac = mac(key);
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
        ByteBuffer covered = ByteBuffer.allocate(attribute.offset()).put(message.bytes(), 0, attribute.offset());
        covered.putShort(2, (short) (attribute.offset() - StunMessage.HEADER_LENGTH + 4 + attribute.length()));
        Mac mac = mac(key);
        mac.update(covered.flip());
        byte[] received = message.value(attribute);
        return MessageDigest.isEqual(Arrays.copyOf(mac.doFinal(), received.length), received);
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
