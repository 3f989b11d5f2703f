package org.wildrtc.stun;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A decoded STUN message: its type, its bytes and where each attribute stands in them. */
public final class StunMessage {
    /** RFC 8489 §5: every message starts with a 20-byte header. */
    public static final int HEADER_LENGTH = 20;
    /** RFC 8489 §5: the fixed magic cookie in bytes 4..7. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_OFFSET = 8;
    public static final int TRANSACTION_ID_LENGTH = 12;

    private final MessageType type;
    private final byte[] bytes;
    private final List<RawAttribute> attributes;

    StunMessage(MessageType type, byte[] bytes, List<RawAttribute> attributes) {
        this.type = type;
        this.bytes = bytes;
        this.attributes = List.copyOf(attributes);
    }

    public MessageType type() {
        return type;
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(bytes, TRANSACTION_ID_OFFSET, TRANSACTION_ID_OFFSET + TRANSACTION_ID_LENGTH);
    }

    /** The attributes in message order, without those the decoder must ignore (RFC 8489 §14.5, §14.6). */
    public List<RawAttribute> attributes() {
        return attributes;
    }

    /** RFC 8489 §14: when an attribute repeats, only the first one counts. */
    public Optional<RawAttribute> attribute(int attributeType) {
        for (RawAttribute attribute : attributes) {
            if (attribute.type() == attributeType) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    /** A text attribute (USERNAME, REALM, NONCE, SOFTWARE) as UTF-8. */
    public Optional<String> text(int attributeType) {
        return attribute(attributeType).map(a -> new String(bytes, a.valueOffset(), a.length(), StandardCharsets.UTF_8));
    }

    /** A 32-bit attribute value (LIFETIME, REQUESTED-TRANSPORT, CHANNEL-NUMBER); empty when absent or not 4 bytes. */
    public OptionalLong int32(int attributeType) {
        return attribute(attributeType)
                .filter(a -> a.length() == 4)
                .map(a -> OptionalLong.of(StunDecoder.readInt(bytes, a.valueOffset()) & 0xFFFFFFFFL))
                .orElse(OptionalLong.empty());
    }

    public boolean has(int attributeType) {
        return attribute(attributeType).isPresent();
    }

    public byte[] value(RawAttribute attribute) {
        return Arrays.copyOfRange(bytes, attribute.valueOffset(), attribute.valueOffset() + attribute.length());
    }

    /** The whole message as received; integrity checks hash ranges of it. */
    byte[] bytes() {
        return bytes;
    }
}
