package org.wildrtc.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;
import org.wildrtc.jca.api.TurnHealth;

/** Asks the connector for its health; cheap (flags the connector keeps), so asked at every check. */
@ApplicationScoped
public class TurnHealthSource {
    /** Bound by the resource-adapters subsystem (wildfly-config/cli/turn-connector.cli). */
    private static final String JNDI_NAME = "java:/wildrtc/turn";

    @Resource(lookup = JNDI_NAME)
    TurnConnectionFactory turn;

    TurnHealth health() throws ResourceException {
        try (TurnConnection connection = turn.getConnection()) {
            return connection.health();
        }
    }
}
