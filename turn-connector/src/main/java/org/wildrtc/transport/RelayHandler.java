package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.ChannelBinding;
import org.wildrtc.turn.DataIndication;
import org.wildrtc.turn.Refusal;
import org.wildrtc.turn.TurnStats;

/**
 * Peer to client (RFC 8656 §10.3, §12.6): data arriving on a relay socket goes to the client as
 * ChannelData when a channel is bound to the peer, else as a Data indication. Data from a peer
 * without a permission is dropped, and so is data for a TCP or TLS client that stopped reading
 * (a datagram may be lost; a queue that grows without bound may not).
 */
final class RelayHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Allocation allocation;
    private final ClientLink clients;
    private final TurnStats stats;
    private final DataIndication indication = new DataIndication();

    RelayHandler(Allocation allocation, ClientLink clients, TurnStats stats) {
        this.allocation = allocation;
        this.clients = clients;
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        long now = System.nanoTime();
        InetSocketAddress peer = packet.sender();
        ByteBuf data = packet.content();
        int length = data.readableBytes();
        if (!allocation.hasPermission(peer.getAddress(), now)) {
            stats.dropped();
            return;
        }
        if (!clients.canTakeMore()) {
            stats.dropped();
            stats.refused(Refusal.CLIENT_NOT_READING);
            return;
        }
        if (!allocation.meter().admit(length, now)) {
            stats.dropped();
            return;
        }
        ChannelBinding channel = allocation.channelFor(peer, now);
        ByteBuf out;
        if (channel != null) {
            int padding = clients.padsChannelData() ? (4 - (length & 3)) & 3 : 0;
            out = ctx.alloc().directBuffer(ChannelDataFrames.HEADER_LENGTH + length + padding);
            out.writeShort(channel.number()).writeShort(length).writeBytes(data, data.readerIndex(), length)
                    .writeZero(padding);
        } else {
            out = ctx.alloc().directBuffer(DataIndication.OVERHEAD + length);
            out.writerIndex(indication.write(out.nioBuffer(0, out.capacity()), peer, data.nioBuffer()));
        }
        clients.write(out, allocation.client());
        stats.relayed(length);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        clients.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error from a peer surfaces here; the relay stays open for the others.
        stats.dropped();
    }
}
