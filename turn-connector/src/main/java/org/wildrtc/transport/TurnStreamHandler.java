package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.wildrtc.turn.Refusal;
import org.wildrtc.turn.TurnServer;
import org.wildrtc.turn.TurnStats;

/**
 * One TCP or TLS client connection. It carries at most one allocation (RFC 8656 §3.1, the
 * connection is the 5-tuple), which ends when the connection closes. One that holds no allocation
 * and sends nothing for the idle timeout is closed, so idle connections cannot pile up.
 *
 * <p>Reading stops while the client does not read what it is sent (the connection is unwritable):
 * answers to its requests would otherwise pile up in memory.
 */
final class TurnStreamHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = Logger.getLogger(TurnStreamHandler.class);

    private final TurnServer server;
    private final ClientMessages messages;
    private final StreamTcpPeers tcpPeers;
    private final TurnStats stats;
    private final long idleNanos;
    private ScheduledFuture<?> expiry;
    private long lastReadNanos;

    TurnStreamHandler(TurnServer server, ClientMessages messages, StreamTcpPeers tcpPeers, TurnStats stats,
                      long idleSeconds) {
        this.server = server;
        this.messages = messages;
        this.tcpPeers = tcpPeers;
        this.stats = stats;
        this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        expiry = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), 1, 1, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    private void tick(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        server.expire(now);
        if (now - lastReadNanos > idleNanos && server.allocation(client(ctx)) == null) {
            LOG.debugf("Closing the idle TURN connection from %s", client(ctx));
            stats.refused(Refusal.IDLE_CONNECTION);
            ctx.close();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        lastReadNanos = System.nanoTime();
        ByteBuf answer = messages.handle(ctx.alloc(), frame, client(ctx));
        if (answer != null) {
            ctx.write(answer, ctx.voidPromise());
        }
        PendingPeerConnections.Held bound = tcpPeers.takeBound();
        if (bound != null) {
            becomePipe(ctx, bound);
        }
    }

    /**
     * RFC 6062 §5.4: after the ConnectionBind success, the connection carries the peer's bytes as
     * they are. Bytes the client sent right behind the request flow on to the peer.
     */
    private void becomePipe(ChannelHandlerContext ctx, PendingPeerConnections.Held bound) {
        ctx.flush();
        ChannelPipeline pipeline = ctx.pipeline();
        PipeHandler.join(ctx.channel(), bound.peer(), bound.owner().allocation(), stats);
        pipeline.remove(this);
        pipeline.remove(StreamFrameDecoder.class);
        bound.peer().config().setAutoRead(true);
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
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
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

    private static InetSocketAddress client(ChannelHandlerContext ctx) {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }
}
