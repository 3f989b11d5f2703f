package org.wildrtc.turn;

import java.net.InetSocketAddress;

/**
 * A channel number bound to a peer (RFC 8656 §12): ChannelData with that number goes to that peer,
 * from the allocation's relay of the peer's family.
 */
public final class ChannelBinding {
    /**
     * RFC 8656 §12 gives clients 0x4000 through 0x4FFF and reserves the rest up to 0x7FFF, which
     * RFC 5766 clients (coturn's among them) still pick from; both parse as ChannelData, so both are
     * accepted.
     */
    public static final int MIN_NUMBER = 0x4000;
    public static final int MAX_NUMBER = 0x7FFF;

    private final int number;
    private final InetSocketAddress peer;
    private final Relay relay;
    private long expiresAtNanos;

    ChannelBinding(int number, InetSocketAddress peer, Relay relay, long expiresAtNanos) {
        this.number = number;
        this.peer = peer;
        this.relay = relay;
        this.expiresAtNanos = expiresAtNanos;
    }

    public int number() {
        return number;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public Relay relay() {
        return relay;
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - expiresAtNanos > 0;
    }

    long expiresAtNanos() {
        return expiresAtNanos;
    }

    void refresh(long expiresAtNanos) {
        this.expiresAtNanos = expiresAtNanos;
    }
}
