package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.jboss.logging.Logger;
import org.wildrtc.turn.TurnServer;

/**
 * A UDP listener: each datagram is one message; answers are written into an {@link AnswerBlock} and
 * flushed once per read batch (one sendmmsg).
 */
final class TurnDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = Logger.getLogger(TurnDatagramHandler.class);

    private final AnswerBlock answers = new AnswerBlock();
    private final ClientMessages messages;

    TurnDatagramHandler(TurnServer server, OpenedRelays relays) {
        this.messages = new ClientMessages(server, relays, answers);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf answer = messages.handle(ctx.alloc(), packet.content(), packet.sender());
        if (answer != null) {
            ctx.write(new DatagramPacket(answer, packet.sender()), ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        messages.flushRelays();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        answers.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A datagram socket stays open after a failed read or write; keep serving.
        LOG.warnf(cause, "TURN listener %s: %s", ctx.channel().localAddress(), cause.getMessage());
    }
}
