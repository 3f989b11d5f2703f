package org.wildrtc.jca.api;

import java.util.List;

/** A handle on the STUN/TURN server running in the resource adapter. */
public interface TurnConnection extends AutoCloseable {

    /**
     * STUN URIs (RFC 7064) of the listeners, for example {@code stun:meet.example.org:3478}.
     *
     * @param host the host the client used to reach the application, as in a URI authority without
     *             its port (a DNS name, an IPv4 literal or a bracketed IPv6 literal), or null when
     *             unknown; the connector decides whether it can be named (see {@link #turnUris(String)})
     */
    List<String> stunUris(String host);

    /**
     * TURN URIs (RFC 7065) of the listeners, for example {@code turn:meet.example.org:3478?transport=udp}.
     * They name the connector's own TURN host when one is configured, else {@code host} when it is a
     * name or an address clients can use, else the address the connector advertises.
     *
     * @param host as for {@link #stunUris(String)}
     */
    List<String> turnUris(String host);

    /** Mints an ephemeral credential for {@code user}, valid for {@code ttlSeconds}. */
    TurnCredential mintCredential(String user, long ttlSeconds);

    TurnStatistics statistics();

    /** Gives the handle back; it cannot be used afterwards. */
    @Override
    void close();
}
