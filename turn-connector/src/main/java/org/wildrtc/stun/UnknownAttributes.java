package org.wildrtc.stun;

import java.nio.ByteBuffer;
import java.util.List;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the 16-bit types a 420 response could not understand. */
public final class UnknownAttributes {

    private UnknownAttributes() {
    }

    public static MessageWriter write(MessageWriter writer, List<Integer> types) {
        int length = 2 * types.size();
        ByteBuffer out = writer.beginAttribute(AttributeType.UNKNOWN_ATTRIBUTES, length);
        for (int type : types) {
            out.putShort((short) type);
        }
        return writer.endAttribute(length);
    }
}
