package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunParseException;
import org.wildrtc.turn.ChannelBinding;
import org.wildrtc.turn.TurnServer;

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
    private final OpenedRelays relays;
    private final Answers.Writer answers;
    private final List<Channel> relaysToFlush = new ArrayList<>();

    /**
     * @param relays  the relays {@code server}'s allocations were given
     * @param answers how this transport's answers get their buffers
     */
    ClientMessages(TurnServer server, OpenedRelays relays, Answers.Writer answers) {
        this.server = server;
        this.relays = relays;
        this.answers = answers;
    }

    /** Handles one message; returns the answer to send back, or null when there is none. */
    ByteBuf handle(ByteBufAllocator alloc, ByteBuf content, InetSocketAddress client) {
        if (ChannelDataFrames.isChannelData(content)) {
            forwardChannelData(content, client);
            return null;
        }
        StunMessage message;
        try {
            message = StunDecoder.decode(ByteBufUtil.getBytes(content));
        } catch (StunParseException e) {
            LOG.tracef("Dropped %d bytes from %s: %s", content.readableBytes(), client, e.getMessage());
            return null;
        }
        return answers.write(alloc, MAX_ANSWER_SIZE,
                view -> server.answer(message, client, view, System.nanoTime(), System.currentTimeMillis() / 1000));
    }

    private void forwardChannelData(ByteBuf content, InetSocketAddress client) {
        int start = content.readerIndex();
        int length = content.getUnsignedShort(start + 2);
        ChannelBinding channel = server.channelData(client, content.getUnsignedShort(start), length,
                content.readableBytes() - ChannelDataFrames.HEADER_LENGTH, System.nanoTime());
        if (channel == null) {
            return;
        }
        Channel relay = relays.datagramSocket(channel.relay());
        relay.write(new DatagramPacket(content.retainedSlice(start + ChannelDataFrames.HEADER_LENGTH, length),
                channel.peer()), relay.voidPromise());
        if (!relaysToFlush.contains(relay)) {
            relaysToFlush.add(relay);
        }
    }

    /** Sends what the last read batch queued on relay sockets. */
    void flushRelays() {
        for (Channel relay : relaysToFlush) {
            relay.flush();
        }
        relaysToFlush.clear();
    }
}
