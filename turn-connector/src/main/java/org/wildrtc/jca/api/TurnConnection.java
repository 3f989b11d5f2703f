package org.wildrtc.jca.api;

import java.util.List;

/** A handle on the STUN/TURN server running in the resource adapter. */
public interface TurnConnection extends AutoCloseable {

    /** STUN URIs (RFC 7064) of the listeners, for example {@code stun:127.0.0.1:3478}. */
    List<String> stunUris();

    /** TURN URIs (RFC 7065) of the listeners, for example {@code turn:127.0.0.1:3478?transport=udp}. */
    List<String> turnUris();

    /** Mints an ephemeral credential for {@code user}, valid for {@code ttlSeconds}. */
    TurnCredential mintCredential(String user, long ttlSeconds);

    TurnStatistics statistics();

    /** Gives the handle back; it cannot be used afterwards. */
    @Override
    void close();
}
