package org.wildrtc.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.logging.Logger;
import org.wildrtc.ice.TurnServer;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.SignalingStats;

/**
 * Draining a node before it is stopped: the connector refuses new Allocates and {@code /join} makes
 * no new rooms (MAINTENANCE), while the calls already here go on. {@code GET /admin/drain} says how
 * much is left, so a script can wait for it to reach zero.
 */
@Path("admin")
public class DrainResource {
    private static final Logger LOG = Logger.getLogger(DrainResource.class);

    @Inject
    TurnServer turn;

    @Inject
    SignalingStats signaling;

    @Inject
    RoomChannels rooms;

    @Context
    SecurityContext security;

    @POST
    @Path("drain")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject drain() throws ResourceException {
        return set(true);
    }

    @POST
    @Path("undrain")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject undrain() throws ResourceException {
        return set(false);
    }

    /** {@code {"draining": b, "allocations": n, "signaling_sockets": n, "rooms": n}}, of this node. */
    @GET
    @Path("drain")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject status() throws ResourceException {
        return turn.ask(connection -> JsonBuilders.object()
                .add("draining", connection.draining())
                .add("allocations", connection.statistics().allocationCount())
                .add("signaling_sockets", signaling.openSockets())
                .add("rooms", rooms.roomsInMemory())
                .build());
    }

    private JsonObject set(boolean draining) throws ResourceException {
        turn.ask(connection -> {
            connection.drain(draining);
            return null;
        });
        LOG.infof("Admin %s %s this node", security.getUserPrincipal().getName(),
                draining ? "started draining" : "stopped draining");
        return status();
    }
}
