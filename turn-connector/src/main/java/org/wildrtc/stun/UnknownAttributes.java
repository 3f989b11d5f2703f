package org.wildrtc.stun;

import java.nio.ByteBuffer;
import java.util.List;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the 16-bit types a 420 response could not understand. */
public final class UnknownAttributes {
    /**
     * The most types one answer lists. RFC 8489 §14.9 sets no bound, but a request over TCP (up to 64 KiB)
     * can name thousands, and the answer must stay small: the client learns what to drop first.
     */
    public static final int MAX_LISTED = 32;

    private UnknownAttributes() {
    }

    /** Writes the first {@link #MAX_LISTED} of {@code types}. */
    public static MessageWriter write(MessageWriter writer, List<Integer> types) {
        List<Integer> listed = types.subList(0, Math.min(types.size(), MAX_LISTED));
        int length = 2 * listed.size();
        ByteBuffer out = writer.beginAttribute(AttributeType.UNKNOWN_ATTRIBUTES, length);
        for (int type : listed) {
            out.putShort((short) type);
        }
        return writer.endAttribute(length);
    }
}
