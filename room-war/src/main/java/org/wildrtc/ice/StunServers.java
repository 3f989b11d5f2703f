package org.wildrtc.ice;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;
import java.util.List;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;

/** The STUN servers clients should use, as the STUN/TURN connector reports them. */
@ApplicationScoped
public class StunServers {
    /** Bound by the resource-adapters subsystem (wildfly-config/cli/turn-connector.cli). */
    public static final String JNDI_NAME = "java:/wildrtc/turn";

    @Resource(lookup = JNDI_NAME)
    TurnConnectionFactory turn;

    public List<String> uris() throws ResourceException {
        try (TurnConnection connection = turn.getConnection()) {
            return connection.stunUris();
        }
    }
}
