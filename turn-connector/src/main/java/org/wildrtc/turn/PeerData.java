package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/**
 * Data a peer sends to one of an allocation's relays (RFC 8656 §10.3, §12.6): how it goes on to the
 * client, or that it is dropped, counted either way. Confined to the relay's event loop; it makes no
 * garbage, being on the relay path.
 */
public final class PeerData {
    /** Drop the data. */
    public static final int DROP = -1;
    /** Send the data as a Data indication: no channel is bound to the peer. */
    public static final int DATA_INDICATION = 0;

    private final Allocation allocation;
    private final TurnStats stats;
    private final BooleanSupplier clientCanTakeMore;

    /**
     * @param clientCanTakeMore whether the client's connection can queue more now: a TCP or TLS client
     *                          that stopped reading cannot, and its data is dropped (a datagram may be
     *                          lost, a queue that grows without bound may not)
     */
    public PeerData(Allocation allocation, TurnStats stats, BooleanSupplier clientCanTakeMore) {
        this.allocation = allocation;
        this.stats = stats;
        this.clientCanTakeMore = clientCanTakeMore;
    }

    /**
     * @return the channel number to send the data on as ChannelData (RFC 8656 §12.6: a channel is bound
     *         to the peer), {@link #DATA_INDICATION}, or {@link #DROP}
     */
    public int route(InetSocketAddress peer, int length, long nowNanos) {
        // RFC 8656 §10.3: data from a peer without a permission is discarded.
        if (!allocation.hasPermission(peer.getAddress(), nowNanos)) {
            stats.dropped();
            return DROP;
        }
        if (!clientCanTakeMore.getAsBoolean()) {
            stats.dropped();
            stats.refused(Refusal.CLIENT_NOT_READING);
            return DROP;
        }
        if (!allocation.meter().admit(length, nowNanos)) {
            stats.dropped();
            return DROP;
        }
        stats.relayedToClient(allocation, length);
        ChannelBinding channel = allocation.channelFor(peer, nowNanos);
        return channel == null ? DATA_INDICATION : channel.number();
    }
}
