package org.wildrtc.jca.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/** What applications look up (by default at {@code java:/wildrtc/turn}) to talk to the STUN/TURN server. */
public interface TurnConnectionFactory extends Serializable, Referenceable {

    /** A handle on the running server; close it when done (try-with-resources). */
    TurnConnection getConnection() throws ResourceException;
}
