package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;

/** ChannelData framing (RFC 8656 §12.4): a 2-byte channel number, a 2-byte length, the data. */
final class ChannelDataFrames {
    static final int HEADER_LENGTH = 4;

    private ChannelDataFrames() {
    }

    /** RFC 8656 §12: the first two bits 01 tell ChannelData from STUN (00). */
    static boolean isChannelData(ByteBuf datagram) {
        return datagram.readableBytes() >= HEADER_LENGTH && (datagram.getByte(datagram.readerIndex()) & 0xC0) == 0x40;
    }
}
