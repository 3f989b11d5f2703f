package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.TrafficMeter;
import org.wildrtc.turn.TurnStats;

/**
 * Copies a bound RFC 6062 data connection to its peer connection (one of each pair's two halves).
 *
 * <p>Each read counts as one relayed packet of its direction: a stream has no datagrams.
 *
 * <p>What one read batch brought is flushed once, so bytes that came together leave together: a
 * stream split at our read buffer's size and flushed in two writes lets a client that reads
 * message-sized pieces (turnutils_uclient -T) find half a message and lose its framing.
 *
 * <p>Reading stops while the other side cannot take more, so a slow reader holds back its sender
 * rather than filling our memory; and while the allocation is over its bandwidth quota (max-bps),
 * which stream bytes cannot be dropped to keep. The two halves run on different event loops when the
 * data connection landed on another one than the allocation; each half's pause state is confined to
 * its own channel's loop, and the other half hands it its writability through that loop: the news
 * that the other side drained then always comes after a pause decided before the drain, never before
 * it (resuming from the other loop could come first and leave this side paused for good).
 */
final class PipeHandler extends ChannelInboundHandlerAdapter {
    private static final int OTHER_SIDE_FULL = 1;
    private static final int OVER_QUOTA = 2;

    private final Channel self;
    private final Channel other;
    private final TrafficMeter meter;
    /** Counts what this half relays, in its direction. */
    private final IntConsumer relayed;
    private PipeHandler partner;
    /** Why reading is paused (a set of the bits above); confined to {@code self}'s event loop. */
    private int pausedFor;

    private PipeHandler(Channel self, Channel other, TrafficMeter meter, IntConsumer relayed) {
        this.self = self;
        this.other = other;
        this.meter = meter;
        this.relayed = relayed;
    }

    /**
     * Pipes the client's data connection and the peer connection to each other, both directions charged
     * to {@code allocation}'s meter and counted as its relayed data.
     */
    static void join(Channel client, Channel peer, Allocation allocation, TurnStats stats) {
        PipeHandler ab = new PipeHandler(client, peer, allocation.meter(),
                bytes -> stats.relayedToPeer(allocation, bytes));
        PipeHandler ba = new PipeHandler(peer, client, allocation.meter(),
                bytes -> stats.relayedToClient(allocation, bytes));
        ab.partner = ba;
        ba.partner = ab;
        client.pipeline().addLast(ab);
        peer.pipeline().addLast(ba);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        int bytes = ((ByteBuf) msg).readableBytes();
        relayed.accept(bytes);
        long pauseNanos = meter.charge(bytes, System.nanoTime());
        other.write(msg, other.voidPromise());
        if (pauseNanos > 0 && (pausedFor & OVER_QUOTA) == 0) {
            pause(OVER_QUOTA);
            self.eventLoop().schedule(this::resumeWhenPaidOff, pauseNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void resumeWhenPaidOff() {
        long pauseNanos = meter.debtNanos(System.nanoTime());
        if (pauseNanos > 0) {
            self.eventLoop().schedule(this::resumeWhenPaidOff, pauseNanos, TimeUnit.NANOSECONDS);
        } else {
            resume(OVER_QUOTA);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        other.flush();
        if (!other.isWritable()) {
            pause(OTHER_SIDE_FULL);
        }
    }

    /** This side drained: the other half, which writes here, may read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            partner.otherSideDrained();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void otherSideDrained() {
        if (self.eventLoop().inEventLoop()) {
            resume(OTHER_SIDE_FULL);
        } else {
            self.eventLoop().execute(() -> resume(OTHER_SIDE_FULL));
        }
    }

    private void pause(int reason) {
        pausedFor |= reason;
        self.config().setAutoRead(false);
    }

    private void resume(int reason) {
        pausedFor &= ~reason;
        if (pausedFor == 0) {
            self.config().setAutoRead(true);
        }
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
