package org.wildrtc.stun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a short UTF-8 reason phrase. */
public enum ErrorCode {
    TRY_ALTERNATE(300, "Try Alternate"),
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHENTICATED(401, "Unauthenticated"),
    FORBIDDEN(403, "Forbidden"),
    UNKNOWN_ATTRIBUTE(420, "Unknown Attribute"),
    ALLOCATION_MISMATCH(437, "Allocation Mismatch"),
    STALE_NONCE(438, "Stale Nonce"),
    ADDRESS_FAMILY_NOT_SUPPORTED(440, "Address Family not Supported"),
    WRONG_CREDENTIALS(441, "Wrong Credentials"),
    UNSUPPORTED_TRANSPORT_PROTOCOL(442, "Unsupported Transport Protocol"),
    PEER_ADDRESS_FAMILY_MISMATCH(443, "Peer Address Family Mismatch"),
    CONNECTION_ALREADY_EXISTS(446, "Connection Already Exists"),
    CONNECTION_TIMEOUT_OR_FAILURE(447, "Connection Timeout or Failure"),
    ALLOCATION_QUOTA_REACHED(486, "Allocation Quota Reached"),
    SERVER_ERROR(500, "Server Error"),
    INSUFFICIENT_CAPACITY(508, "Insufficient Capacity");

    private final int code;
    private final byte[] reason;

    ErrorCode(int code, String reason) {
        this.code = code;
        this.reason = reason.getBytes(StandardCharsets.UTF_8);
    }

    public int code() {
        return code;
    }

    /** The code an ERROR-CODE attribute value carries (class × 100 + number), or -1 when malformed. */
    public static int read(StunMessage message) {
        return message.attribute(AttributeType.ERROR_CODE)
                .filter(attribute -> attribute.length() >= 4)
                .map(attribute -> {
                    byte[] value = message.value(attribute);
                    return (value[2] & 0x07) * 100 + (value[3] & 0xFF);
                })
                .orElse(-1);
    }

    public MessageWriter write(MessageWriter writer) {
        return write(writer, AttributeType.ERROR_CODE, 0);
    }

    /**
     * ADDRESS-ERROR-CODE (RFC 8656 §18.12): why the relayed address of one family (0x01 IPv4, 0x02
     * IPv6) of an otherwise successful Allocate was not allocated. The layout is ERROR-CODE's with the
     * family in the first byte.
     *
     * @param attributeType {@link AttributeType#ADDRESS_ERROR_CODE}, or the draft codepoint for a
     *                      client that asked with the draft's ADDITIONAL-ADDRESS-FAMILY
     */
    public MessageWriter writeForFamily(MessageWriter writer, int attributeType, int family) {
        return write(writer, attributeType, family);
    }

    private MessageWriter write(MessageWriter writer, int attributeType, int family) {
        int length = 4 + reason.length;
        ByteBuffer out = writer.beginAttribute(attributeType, length);
        out.put((byte) family);
        out.put((byte) 0);
        out.put((byte) (code / 100));
        out.put((byte) (code % 100));
        out.put(reason);
        return writer.endAttribute(length);
    }
}
