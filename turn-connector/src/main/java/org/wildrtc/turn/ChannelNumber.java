package org.wildrtc.turn;

import java.util.Optional;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.StunMessage;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1): 4 bytes, the channel number in the first 2, then 2 reserved ones.
 * RFC 8656 §11.2: a ChannelBind without it, with a malformed one, or with a number outside the
 * channel range ({@link ChannelBinding#MIN_NUMBER} to {@link ChannelBinding#MAX_NUMBER}) is 400.
 */
final class ChannelNumber {
    private static final int LENGTH = 4;

    private ChannelNumber() {
    }

    static int read(StunMessage message) throws MalformedAttribute {
        Optional<byte[]> value = message.attribute(AttributeType.CHANNEL_NUMBER).map(message::value);
        if (value.isEmpty()) {
            throw new MalformedAttribute("no CHANNEL-NUMBER");
        }
        if (value.get().length != LENGTH) {
            throw new MalformedAttribute("CHANNEL-NUMBER of " + value.get().length + " bytes");
        }
        int number = ((value.get()[0] & 0xFF) << 8) | (value.get()[1] & 0xFF);
        if (number < ChannelBinding.MIN_NUMBER || number > ChannelBinding.MAX_NUMBER) {
            throw new MalformedAttribute(String.format("channel 0x%x outside the channel range", number));
        }
        return number;
    }
}
