package org.wildrtc.stun;

/**
 * A STUN message type: a 12-bit method and a class.
 *
 * <p>RFC 8489 §5: the 14 type bits interleave them as {@code M11..M7 C1 M6..M4 C0 M3..M0}.
 */
public record MessageType(int method, MessageClass messageClass) {

    public static final MessageType BINDING_REQUEST = new MessageType(StunMethod.BINDING, MessageClass.REQUEST);
    public static final MessageType BINDING_SUCCESS = new MessageType(StunMethod.BINDING, MessageClass.SUCCESS_RESPONSE);

    public MessageType {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("STUN method out of range: " + method);
        }
    }

    /** The 16-bit type field; the two most significant bits are zero. */
    public int encode() {
        int c = messageClass.bits();
        return (method & 0x000F)
                | ((c & 0b01) << 4)
                | ((method & 0x0070) << 1)
                | ((c & 0b10) << 7)
                | ((method & 0x0F80) << 2);
    }

    /** Reads the 14 significant bits of a type field; callers reject a field with the top bits set. */
    public static MessageType decode(int type) {
        int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        int c = ((type & 0x0010) >> 4) | ((type & 0x0100) >> 7);
        return new MessageType(method, MessageClass.valueOf(c));
    }

    /** The success response to this request type (RFC 8489 §6.3.1.1). */
    public MessageType successResponse() {
        return new MessageType(method, MessageClass.SUCCESS_RESPONSE);
    }
}
