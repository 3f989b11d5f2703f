package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.ice.RelayStatistics;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.SignalingStats;

/** Collider's HTTP side ({@link ColliderHttp}) under the base that {@code wss_post_url} advertises, and its counters. */
@Path(SignalingUrls.HTTP_PATH)
public class ColliderResource {

    @Inject
    RoomChannels rooms;

    @Inject
    RoomSettings settings;

    @Inject
    SignalingStats stats;

    @Inject
    RelayStatistics relays;

    /** With open registration, a POST from a client not in the room yet counts as a join of its source. */
    @Context
    HttpServletRequest request;

    @POST
    @Path("{room}/{client}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response post(@PathParam("room") String room, @PathParam("client") String client, byte[] body) {
        return ColliderHttp.post(rooms, stats, room, client, body,
                RequestContext.clientAddress(request, settings));
    }

    @DELETE
    @Path("{room}/{client}")
    public Response delete(@PathParam("room") String room, @PathParam("client") String client) {
        return ColliderHttp.delete(rooms, room, client);
    }

    @OPTIONS
    @Path("{room}/{client}")
    public Response preflight() {
        return ColliderHttp.preflight();
    }

    /** Collider's counters, and the TURN server's under {@code turn} (counts only). */
    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject status() throws ResourceException {
        return JsonBuilders.object(stats.toJson()).add("turn", relays.toJson()).build();
    }
}
