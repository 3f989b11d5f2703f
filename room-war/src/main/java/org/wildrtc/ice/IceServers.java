package org.wildrtc.ice;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.resource.ResourceException;
import java.util.List;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;
import org.wildrtc.jca.api.TurnCredential;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.room.ClientIds;

/**
 * The ICE servers a client should use, from the STUN/TURN connector: its STUN URIs, and its TURN
 * URIs with an ephemeral credential minted for this client.
 */
@ApplicationScoped
public class IceServers {
    /** Bound by the resource-adapters subsystem (wildfly-config/cli/turn-connector.cli). */
    public static final String JNDI_NAME = "java:/wildrtc/turn";
    /** A day, as AppRTC's ICE server service and coturn's examples use. */
    static final long CREDENTIAL_TTL_SECONDS = 86_400;

    @Resource(lookup = JNDI_NAME)
    TurnConnectionFactory turn;

    /**
     * RTCIceServer objects; {@code urls} is always an array (docs/protocols.md §1). Each call mints a
     * username of its own ({@code <expiry>:<random user>}): the connector's user quota counts
     * allocations per username, so clients that shared one (say, all those minted in the same
     * second) would share one quota and could use each other's up.
     *
     * @param host the host the client reached us by, for the URIs (see {@link TurnConnection#turnUris(String)})
     */
    public JsonArray forNewClient(String host) throws ResourceException {
        try (TurnConnection connection = turn.getConnection()) {
            return describe(connection.stunUris(host), connection.turnUris(host),
                    connection.mintCredential(ClientIds.turnUser(), CREDENTIAL_TTL_SECONDS));
        }
    }

    static JsonArray describe(List<String> stunUris, List<String> turnUris, TurnCredential credential) {
        JsonArrayBuilder servers = JsonBuilders.array();
        if (!stunUris.isEmpty()) {
            servers.add(JsonBuilders.object().add("urls", JsonBuilders.array(stunUris)));
        }
        if (!turnUris.isEmpty()) {
            servers.add(JsonBuilders.object()
                    .add("urls", JsonBuilders.array(turnUris))
                    .add("username", credential.username())
                    .add("credential", credential.password()));
        }
        return servers.build();
    }
}
