package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.wildrtc.turn.TurnServer;

/**
 * One TCP or TLS client connection. It carries at most one allocation (RFC 8656 §3.1, the
 * connection is the 5-tuple), which ends when the connection closes.
 */
final class TurnStreamHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = Logger.getLogger(TurnStreamHandler.class);

    private final TurnServer server;
    private final ClientMessages messages;
    private final StreamTcpPeers tcpPeers;
    private ScheduledFuture<?> expiry;

    TurnStreamHandler(TurnServer server, ClientMessages messages, StreamTcpPeers tcpPeers) {
        this.server = server;
        this.messages = messages;
        this.tcpPeers = tcpPeers;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        expiry = ctx.executor().scheduleAtFixedRate(() -> server.expire(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        ByteBuf answer = messages.handle(ctx.alloc(), frame, (InetSocketAddress) ctx.channel().remoteAddress());
        if (answer != null) {
            ctx.write(answer, ctx.voidPromise());
        }
        Channel peer = tcpPeers.takeBoundPeer();
        if (peer != null) {
            becomePipe(ctx, peer);
        }
    }

    /**
     * RFC 6062 §5.4: after the ConnectionBind success, the connection carries the peer's bytes as
     * they are. Bytes the client sent right behind the request flow on to the peer.
     */
    private void becomePipe(ChannelHandlerContext ctx, Channel peer) {
        ctx.flush();
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast(new PipeHandler(peer));
        peer.pipeline().addLast(new PipeHandler(ctx.channel()));
        pipeline.remove(this);
        pipeline.remove(StreamFrameDecoder.class);
        peer.config().setAutoRead(true);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        messages.flushRelays();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (expiry != null) {
            expiry.cancel(false);
        }
        server.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debugf("TURN connection from %s failed: %s", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
