package org.wildrtc.stun;

import java.util.zip.CRC32;

/** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute, XOR 0x5354554E. */
public final class Fingerprint {
    private static final int XOR = 0x5354554E;
    private static final int LENGTH = 4;

    private Fingerprint() {
    }

    static void append(MessageWriter writer) {
        // The length field must already count the FINGERPRINT attribute when the CRC is taken.
        writer.updateLength(writer.size() - StunMessage.HEADER_LENGTH + 4 + LENGTH);
        CRC32 crc = new CRC32();
        crc.update(writer.written());
        writer.beginAttribute(AttributeType.FINGERPRINT, LENGTH).putInt((int) crc.getValue() ^ XOR);
        writer.endAttribute(LENGTH);
    }

    static boolean matches(byte[] message, RawAttribute fingerprint) {
        if (fingerprint.length() != LENGTH) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(message, 0, fingerprint.offset());
        return StunDecoder.readInt(message, fingerprint.valueOffset()) == ((int) crc.getValue() ^ XOR);
    }
}
