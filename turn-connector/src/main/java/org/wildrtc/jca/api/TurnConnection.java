package org.wildrtc.jca.api;

import java.util.List;

/** A handle on the STUN/TURN server running in the resource adapter. */
public interface TurnConnection extends AutoCloseable {

    /** STUN URIs (RFC 7064) of the listeners, for example {@code stun:127.0.0.1:3478}. */
    List<String> stunUris();

    /** Gives the handle back; it cannot be used afterwards. */
    @Override
    void close();
}
