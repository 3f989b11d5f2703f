package org.wildrtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.Unpooled;

/** Copies a bound RFC 6062 data connection to its peer connection (one of each pair's two halves). */
final class PipeHandler extends ChannelInboundHandlerAdapter {
    private final Channel other;

    PipeHandler(Channel other) {
        this.other = other;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        other.writeAndFlush(msg, other.voidPromise());
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
