package org.wildrtc.stun;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one STUN message from a datagram. Every length is checked before it is used; anything
 * malformed ends in a {@link StunParseException} and never in another exception.
 */
public final class StunDecoder {

    private StunDecoder() {
    }

    /** Decodes the remaining bytes of {@code datagram}, which must hold exactly one message. */
    public static StunMessage decode(ByteBuffer datagram) throws StunParseException {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(datagram.position(), bytes);
        return decode(bytes);
    }

    /** Decodes {@code bytes}, which must hold exactly one message; the message keeps the array. */
    public static StunMessage decode(byte[] bytes) throws StunParseException {
        if (bytes.length < StunMessage.HEADER_LENGTH) {
            throw new StunParseException("shorter than a STUN header: " + bytes.length + " bytes");
        }
        int typeField = readShort(bytes, 0);
        // RFC 8489 §6.3: the two most significant bits of every STUN message are zero.
        if ((typeField & 0xC000) != 0) {
            throw new StunParseException("first two bits are not zero");
        }
        int length = readShort(bytes, 2);
        if ((length & 3) != 0) {
            throw new StunParseException("message length " + length + " is not a multiple of 4");
        }
        if (StunMessage.HEADER_LENGTH + length != bytes.length) {
            throw new StunParseException("message length " + length + " does not match the "
                    + (bytes.length - StunMessage.HEADER_LENGTH) + " bytes after the header");
        }
        if (readInt(bytes, 4) != StunMessage.MAGIC_COOKIE) {
            throw new StunParseException("wrong magic cookie");
        }
        List<RawAttribute> attributes = readAttributes(bytes);
        return new StunMessage(MessageType.decode(typeField), bytes, attributes);
    }

    private static List<RawAttribute> readAttributes(byte[] bytes) throws StunParseException {
        List<RawAttribute> attributes = new ArrayList<>();
        boolean afterIntegrity = false;
        boolean afterIntegritySha256 = false;
        int position = StunMessage.HEADER_LENGTH;
        while (position < bytes.length) {
            // The length checks above leave a multiple of 4 bytes, so a whole attribute header is here.
            int type = readShort(bytes, position);
            int length = readShort(bytes, position + 2);
            int padded = (length + 3) & ~3;
            if (padded > bytes.length - position - 4) {
                throw new StunParseException("attribute 0x" + Integer.toHexString(type) + " of length " + length
                        + " runs past the end of the message");
            }
            RawAttribute attribute = new RawAttribute(type, position, length);
            position += 4 + padded;
            if (type == AttributeType.FINGERPRINT) {
                // RFC 8489 §14.7: FINGERPRINT is the last attribute and must match.
                if (position != bytes.length) {
                    throw new StunParseException("FINGERPRINT is not the last attribute");
                }
                if (!Fingerprint.matches(bytes, attribute)) {
                    throw new StunParseException("FINGERPRINT does not match");
                }
                attributes.add(attribute);
            } else if (afterIntegritySha256 || (afterIntegrity && type != AttributeType.MESSAGE_INTEGRITY_SHA256)) {
                // RFC 8489 §14.5, §14.6: attributes after the integrity ones are ignored.
                continue;
            } else {
                attributes.add(attribute);
                afterIntegrity |= type == AttributeType.MESSAGE_INTEGRITY;
                afterIntegritySha256 |= type == AttributeType.MESSAGE_INTEGRITY_SHA256;
            }
        }
        return attributes;
    }

    static int readShort(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static int readInt(byte[] bytes, int offset) {
        return (readShort(bytes, offset) << 16) | readShort(bytes, offset + 2);
    }
}
