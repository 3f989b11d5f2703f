package org.wildrtc.stun;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The 420 answer (RFC 8489 §6.3.1.1): a request with comprehension-required attributes the server does
 * not understand is refused with ERROR-CODE 420 and UNKNOWN-ATTRIBUTES (§14.9) listing their types.
 */
public final class UnknownAttributes {
    /**
     * The most types one answer lists. RFC 8489 §14.9 sets no bound, but a request over TCP (up to 64 KiB)
     * can name thousands, and the answer must stay small: the client learns what to drop first.
     */
    public static final int MAX_LISTED = 32;

    private UnknownAttributes() {
    }

    /** The comprehension-required types of {@code message} (RFC 8489 §14) outside {@code understood}, each once. */
    public static List<Integer> find(StunMessage message, Set<Integer> understood) {
        // A loop, not a stream: every Binding request passes here, nearly all with nothing to find, and
        // the stream's pipeline was an eighth of a Binding answer's cost (JFR).
        Set<Integer> unknown = null;
        for (RawAttribute attribute : message.attributes()) {
            int type = attribute.type();
            if (AttributeType.isComprehensionRequired(type) && !understood.contains(type)) {
                if (unknown == null) {
                    unknown = new LinkedHashSet<>();
                }
                unknown.add(type);
            }
        }
        return unknown == null ? List.of() : List.copyOf(unknown);
    }

    /** Writes ERROR-CODE 420 and the first {@link #MAX_LISTED} of {@code types} into an error response just begun. */
    public static MessageWriter writeError(MessageWriter errorResponse, List<Integer> types) {
        ErrorCode.UNKNOWN_ATTRIBUTE.write(errorResponse);
        List<Integer> listed = types.subList(0, Math.min(types.size(), MAX_LISTED));
        int length = 2 * listed.size();
        ByteBuffer out = errorResponse.beginAttribute(AttributeType.UNKNOWN_ATTRIBUTES, length);
        for (int type : listed) {
            out.putShort((short) type);
        }
        return errorResponse.endAttribute(length);
    }
}
