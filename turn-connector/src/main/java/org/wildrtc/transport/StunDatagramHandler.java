package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.nio.ByteBuffer;
import org.jboss.logging.Logger;
import org.wildrtc.stun.BindingResponder;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunParseException;

/**
 * Reads STUN datagrams and writes the answers. Writes are flushed once per read batch, so the
 * epoll transport sends a whole batch with one sendmmsg.
 */
@ChannelHandler.Sharable
final class StunDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = Logger.getLogger(StunDatagramHandler.class);
    /** Room for any answer: a 420 lists at most one type per 4 request bytes of a 2 KiB datagram. */
    private static final int MAX_ANSWER_SIZE = 2048;

    private final BindingResponder responder;

    StunDatagramHandler(BindingResponder responder) {
        this.responder = responder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        StunMessage message;
        try {
            message = StunDecoder.decode(content.nioBuffer());
        } catch (StunParseException e) {
            LOG.tracef("Dropped %d bytes from %s: %s", content.readableBytes(), packet.sender(), e.getMessage());
            return;
        }
        ByteBuf answer = ctx.alloc().directBuffer(MAX_ANSWER_SIZE);
        ByteBuffer view = answer.nioBuffer(0, MAX_ANSWER_SIZE);
        int size = responder.answer(message, packet.sender(), view);
        if (size == 0) {
            answer.release();
            return;
        }
        answer.writerIndex(size);
        ctx.write(new DatagramPacket(answer, packet.sender()), ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A datagram socket stays open after a failed read or write; keep serving.
        LOG.warnf(cause, "STUN listener %s: %s", ctx.channel().localAddress(), cause.getMessage());
    }
}
