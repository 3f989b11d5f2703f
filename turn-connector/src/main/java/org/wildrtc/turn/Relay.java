package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** An allocation's relayed transport address: a socket the transport opened from the relay port range. */
public interface Relay {

    /** The relayed transport address as clients and peers know it: behind 1:1 NAT, the public one. */
    InetSocketAddress address();

    /** Sends one datagram from the relayed address to a peer (Send indications; ChannelData goes the fast way). */
    void send(InetSocketAddress peer, ByteBuffer data);

    /**
     * Sets DF on every datagram sent from now on (RFC 8656 §18.9, DONT-FRAGMENT): one too big for the
     * path is dropped, not fragmented.
     */
    void dontFragment();

    /** Closes the socket; the port returns to the range. */
    void close();
}
