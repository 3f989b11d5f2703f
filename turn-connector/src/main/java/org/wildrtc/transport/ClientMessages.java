package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunParseException;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.ChannelBinding;
import org.wildrtc.turn.TurnServer;
import org.wildrtc.turn.TurnStats;

/**
 * What a client sends, whatever the transport: STUN messages go to the {@link TurnServer},
 * ChannelData straight to the bound peer (the hot path: the received buffer is forwarded, not
 * copied). Relay writes are flushed once per read batch.
 */
final class ClientMessages {
    private static final Logger LOG = Logger.getLogger(ClientMessages.class);
    /** Room for any answer: the longest is a 420, which lists at most UnknownAttributes.MAX_LISTED types. */
    private static final int MAX_ANSWER_SIZE = 2048;

    private final TurnServer server;
    private final TurnStats stats;
    private final List<Channel> relaysToFlush = new ArrayList<>();

    ClientMessages(TurnServer server, TurnStats stats) {
        this.server = server;
        this.stats = stats;
    }

    /** Handles one message; returns the answer to send back, or null when there is none. */
    ByteBuf handle(ByteBufAllocator alloc, ByteBuf content, InetSocketAddress client) {
        if (ChannelDataFrames.isChannelData(content)) {
            forwardChannelData(content, client);
            return null;
        }
        StunMessage message;
        try {
            message = StunDecoder.decode(content.nioBuffer());
        } catch (StunParseException e) {
            LOG.tracef("Dropped %d bytes from %s: %s", content.readableBytes(), client, e.getMessage());
            return null;
        }
        return Answers.write(alloc, MAX_ANSWER_SIZE,
                view -> server.answer(message, client, view, System.nanoTime(), System.currentTimeMillis() / 1000));
    }

    private void forwardChannelData(ByteBuf content, InetSocketAddress client) {
        long now = System.nanoTime();
        int start = content.readerIndex();
        int number = content.getUnsignedShort(start);
        int length = content.getUnsignedShort(start + 2);
        Allocation allocation = server.allocation(client);
        ChannelBinding channel = allocation == null ? null : allocation.channel(number, now);
        // RFC 8656 §12.4: a length beyond the message, or an unbound channel, means drop.
        if (channel == null || length > content.readableBytes() - ChannelDataFrames.HEADER_LENGTH
                || !allocation.meter().admit(length, now)) {
            stats.dropped();
            return;
        }
        // A channel is bound only to a peer of one of the relays' families (PeerCheck).
        Channel relay = ((NettyRelay) allocation.relayFor(channel.peer().getAddress())).channel();
        relay.write(new DatagramPacket(content.retainedSlice(start + ChannelDataFrames.HEADER_LENGTH, length),
                channel.peer()), relay.voidPromise());
        if (!relaysToFlush.contains(relay)) {
            relaysToFlush.add(relay);
        }
        stats.relayed(length);
    }

    /** Sends what the last read batch queued on relay sockets. */
    void flushRelays() {
        for (Channel relay : relaysToFlush) {
            relay.flush();
        }
        relaysToFlush.clear();
    }
}
