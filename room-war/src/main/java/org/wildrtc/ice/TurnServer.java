package org.wildrtc.ice;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;
import java.util.function.Function;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;

/**
 * The connector's STUN/TURN server, for what the room server and its admins ask of it besides ICE
 * servers: whether it drains, its allocations, revocations, REST secrets. One connection handle per
 * question, given back at once, as {@link IceServers} does.
 */
@ApplicationScoped
public class TurnServer {
    @Resource(lookup = IceServers.JNDI_NAME)
    TurnConnectionFactory turn;

    /** What {@code question} answers from a connection handle. */
    public <T> T ask(Function<TurnConnection, T> question) throws ResourceException {
        try (TurnConnection connection = turn.getConnection()) {
            return question.apply(connection);
        }
    }

    /** Whether an admin asked the node to drain (the connector keeps the state, so every part agrees). */
    public boolean draining() throws ResourceException {
        return ask(TurnConnection::draining);
    }
}
