package org.wildrtc.turn;

import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.StunMessage;

/**
 * REQUESTED-TRANSPORT (RFC 8656 §18.8): 4 bytes, the IP protocol number of the relay's transport in
 * the first, then 3 reserved ones. RFC 8656 §7.2: an Allocate without it, or with a malformed one, is
 * 400; one naming a protocol the server does not relay is 442.
 */
final class RequestedTransport {
    static final int UDP = 17;
    /** RFC 6062 §4.1: TCP relays. */
    static final int TCP = 6;
    private static final int LENGTH = 4;

    private RequestedTransport() {
    }

    /** The protocol number the request asks for. */
    static int read(StunMessage message) throws MalformedAttribute {
        byte[] value = message.attribute(AttributeType.REQUESTED_TRANSPORT).map(message::value)
                .orElseThrow(() -> new MalformedAttribute("no REQUESTED-TRANSPORT"));
        if (value.length != LENGTH) {
            throw new MalformedAttribute("REQUESTED-TRANSPORT of " + value.length + " bytes");
        }
        return value[0] & 0xFF;
    }
}
