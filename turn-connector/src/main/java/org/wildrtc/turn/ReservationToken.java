package org.wildrtc.turn;

import java.util.Optional;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunMessage;

/**
 * RESERVATION-TOKEN (RFC 8656 §18.10): 8 bytes that name a port the server reserved (EVEN-PORT with
 * the R bit, §7.2). An Allocate success carries it; another Allocate presents it to claim the port.
 * Any other length is 400.
 */
final class ReservationToken {
    static final int LENGTH = 8;

    private ReservationToken() {
    }

    /** The token the request presents; empty without one. */
    static Optional<byte[]> read(StunMessage message) throws MalformedAttribute {
        Optional<byte[]> token = message.attribute(AttributeType.RESERVATION_TOKEN).map(message::value);
        if (token.isPresent() && token.get().length != LENGTH) {
            throw new MalformedAttribute("RESERVATION-TOKEN of " + token.get().length + " bytes");
        }
        return token;
    }

    static MessageWriter write(MessageWriter writer, byte[] token) {
        return writer.attribute(AttributeType.RESERVATION_TOKEN, token);
    }
}
