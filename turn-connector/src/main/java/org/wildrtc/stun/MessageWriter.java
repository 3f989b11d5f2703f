package org.wildrtc.stun;

import java.nio.ByteBuffer;

/**
 * Writes one STUN message into a buffer: the header first, then attributes with their padding,
 * the length field kept up to date so that FINGERPRINT and integrity can hash what is written.
 */
public final class MessageWriter {
    private final ByteBuffer out;
    private final int start;

    /** Starts a message at the buffer's position. */
    public MessageWriter(ByteBuffer out, MessageType type, byte[] transactionId) {
        if (transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("a transaction id has 12 bytes, not " + transactionId.length);
        }
        this.out = out;
        this.start = out.position();
        out.putShort((short) type.encode());
        out.putShort((short) 0);
        out.putInt(StunMessage.MAGIC_COOKIE);
        out.put(transactionId);
    }

    /** Writes a whole attribute. */
    public MessageWriter attribute(int type, byte[] value) {
        beginAttribute(type, value.length);
        out.put(value);
        return endAttribute(value.length);
    }

    /** Writes a whole attribute whose value is the remaining bytes of {@code value} (left unconsumed). */
    public MessageWriter attribute(int type, ByteBuffer value) {
        int length = value.remaining();
        beginAttribute(type, length);
        out.put(value.duplicate());
        return endAttribute(length);
    }

    /** Writes a text attribute (USERNAME, REALM, NONCE, SOFTWARE) as UTF-8. */
    public MessageWriter text(int type, String value) {
        return attribute(type, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes a 32-bit attribute (LIFETIME, REQUESTED-TRANSPORT, CHANNEL-NUMBER). */
    public MessageWriter int32(int type, int value) {
        beginAttribute(type, 4).putInt(value);
        return endAttribute(4);
    }

    /** Writes an attribute header; the caller then puts exactly {@code length} bytes and calls {@link #endAttribute}. */
    ByteBuffer beginAttribute(int type, int length) {
        out.putShort((short) type);
        out.putShort((short) length);
        return out;
    }

    /** RFC 8489 §14: values are padded to a multiple of 4 bytes. */
    MessageWriter endAttribute(int length) {
        for (int pad = (4 - (length & 3)) & 3; pad > 0; pad--) {
            out.put((byte) 0);
        }
        updateLength(out.position() - start - StunMessage.HEADER_LENGTH);
        return this;
    }

    /** Sets the header's length field, which FINGERPRINT and integrity hash before their own bytes exist. */
    void updateLength(int length) {
        out.putShort(start + 2, (short) length);
    }

    /** The message's bytes so far: a view from the header to the current position. */
    ByteBuffer written() {
        return out.duplicate().position(start).limit(out.position());
    }

    public int size() {
        return out.position() - start;
    }

    /** Finishes with a FINGERPRINT and returns the message's size in bytes. */
    public int finishWithFingerprint() {
        Fingerprint.append(this);
        return size();
    }
}
