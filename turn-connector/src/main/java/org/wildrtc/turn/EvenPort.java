package org.wildrtc.turn;

import java.util.Optional;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.StunMessage;

/**
 * EVEN-PORT (RFC 8656 §18.7): 1 byte, whose top bit R asks to reserve the next port too (§7.2); the
 * other 7 bits are reserved. Any other length is 400.
 */
final class EvenPort {
    private static final int LENGTH = 1;
    private static final int RESERVE_NEXT_BIT = 0x80;

    private EvenPort() {
    }

    /** The parity the request asks for: {@link RelayPorts.Parity#ANY} without EVEN-PORT. */
    static RelayPorts.Parity read(StunMessage message) throws MalformedAttribute {
        Optional<byte[]> value = message.attribute(AttributeType.EVEN_PORT).map(message::value);
        if (value.isEmpty()) {
            return RelayPorts.Parity.ANY;
        }
        if (value.get().length != LENGTH) {
            throw new MalformedAttribute("EVEN-PORT of " + value.get().length + " bytes");
        }
        return (value.get()[0] & RESERVE_NEXT_BIT) != 0 ? RelayPorts.Parity.EVEN_RESERVING_NEXT
                : RelayPorts.Parity.EVEN;
    }
}
