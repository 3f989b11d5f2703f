package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.Unpooled;

/**
 * Copies a bound RFC 6062 data connection to its peer connection (one of each pair's two halves).
 *
 * <p>What one read batch brought is flushed once, so bytes that came together leave together: a
 * stream split at our read buffer's size and flushed in two writes lets a client that reads
 * message-sized pieces (turnutils_uclient -T) find half a message and lose its framing. Reading
 * stops while the other side cannot take more, so a slow reader holds back its sender rather than
 * filling our memory.
 */
final class PipeHandler extends ChannelInboundHandlerAdapter {
    private final Channel other;

    PipeHandler(Channel other) {
        this.other = other;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        other.write(msg, other.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        other.flush();
        if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** The other side's handler hears when this side drained, and resumes reading there. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            other.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Whatever is queued is delivered first, then the other side closes too.
        other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
