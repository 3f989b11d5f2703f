package org.wildrtc.stun;

/**
 * One attribute as it stands in a decoded message.
 *
 * @param type   the attribute type
 * @param offset where the attribute's 4-byte header starts in the message's bytes
 * @param length the value length, without padding
 */
public record RawAttribute(int type, int offset, int length) {

    /** Where the value starts in the message's bytes. */
    public int valueOffset() {
        return offset + 4;
    }
}
