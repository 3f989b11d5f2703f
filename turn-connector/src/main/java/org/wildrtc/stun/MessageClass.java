package org.wildrtc.stun;

/** The four STUN message classes (RFC 8489 §5), with their C1/C0 bits. */
public enum MessageClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    MessageClass(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    static MessageClass valueOf(int bits) {
        return values()[bits & 0b11];
    }
}
