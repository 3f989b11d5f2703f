package org.wildrtc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.wildrtc.turn.Allocation;
import org.wildrtc.turn.DataIndication;
import org.wildrtc.turn.PeerData;
import org.wildrtc.turn.TurnStats;

/**
 * Peer to client (RFC 8656 §10.3, §12.6): data arriving on a relay socket goes to the client as
 * ChannelData or as a Data indication, or is dropped, as {@link PeerData} decides.
 */
final class RelayHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final InetSocketAddress client;
    private final ClientLink clients;
    private final TurnStats stats;
    private final PeerData peerData;
    private final DataIndication indication;

    /** @param indication the writer of the relay's event loop, shared by all its relays */
    RelayHandler(Allocation allocation, ClientLink clients, TurnStats stats, DataIndication indication) {
        this.indication = indication;
        this.client = allocation.client();
        this.clients = clients;
        this.stats = stats;
        this.peerData = new PeerData(allocation, stats, clients::canTakeMore);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress peer = packet.sender();
        ByteBuf data = packet.content();
        int length = data.readableBytes();
        int route = peerData.route(peer, length, System.nanoTime());
        if (route == PeerData.DROP) {
            return;
        }
        ByteBuf out;
        if (route != PeerData.DATA_INDICATION) {
            int padding = clients.padsChannelData() ? (4 - (length & 3)) & 3 : 0;
            out = ctx.alloc().directBuffer(ChannelDataFrames.HEADER_LENGTH + length + padding);
            out.writeShort(route).writeShort(length).writeBytes(data, data.readerIndex(), length).writeZero(padding);
        } else {
            out = ctx.alloc().directBuffer(DataIndication.OVERHEAD + length);
            out.writerIndex(indication.write(out.nioBuffer(0, out.capacity()), peer, data.nioBuffer()));
        }
        clients.write(out, client);
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
