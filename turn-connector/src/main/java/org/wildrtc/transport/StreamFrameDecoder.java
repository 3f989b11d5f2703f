package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Cuts a TCP or TLS byte stream into STUN messages and ChannelData frames (RFC 8656 §12.5): the
 * first two bits tell which, the length field how long. A stream cannot resynchronise after
 * garbage, so anything else closes the connection; so does ChannelData before any STUN message,
 * since a channel needs an allocation first (this also turns away HTTP and other protocols at once).
 */
final class StreamFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = Logger.getLogger(StreamFrameDecoder.class);
    private static final int HEADER = 4;

    private boolean stunSeen;

    /**
     * Cuts at most one frame per call; the base class calls again for the next one after passing this
     * one on. So after a ConnectionBind (RFC 6062) the bytes behind it are still uncut when the
     * connection turns into a raw pipe, and flow on as they are.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() >= HEADER) {
            int start = in.readerIndex();
            int kind = in.getUnsignedByte(start) >> 6;
            int length = in.getUnsignedShort(start + 2);
            int frame;
            if (kind == 0 && (length & 3) == 0) {
                frame = 20 + length;
                stunSeen = true;
            } else if (kind == 1 && stunSeen) {
                frame = HEADER + ((length + 3) & ~3);
            } else {
                LOG.debugf("Closing %s: the stream is neither STUN nor ChannelData", ctx.channel().remoteAddress());
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < frame) {
                return;
            }
            out.add(in.readRetainedSlice(frame));
        }
    }
}
