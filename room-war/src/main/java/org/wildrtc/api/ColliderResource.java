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
import org.wildrtc.ice.RelayStatistics;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.signaling.PostResult;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.SignalingStats;

/**
 * Collider's HTTP side, under the base that {@code wss_post_url} advertises: POST delivers a message
 * as the member, DELETE removes the member (AppRTC's client calls it on hang-up). Errors are HTTP 500
 * with a text, as Collider answers, except 429 when a limit asks the sender to retry later (its
 * rate, or a recipient that is not keeping up); every answer allows any origin, as Collider's does.
 */
@Path(SignalingUrls.HTTP_PATH)
public class ColliderResource {

    @Inject
    RoomChannels rooms;

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
        PostResult result = rooms.colliderPost(RoomIds.require(room), RoomIds.require(client), MessageBodies.text(body),
                RequestContext.clientAddress(request, rooms.settings()));
        if (result == PostResult.ACCEPTED) {
            return cors(Response.ok("OK\n"));
        }
        stats.httpError();
        String refusal = rooms.refusal(result);
        return cors(result.retryLater() ? RetryLater.response(refusal) : Response.serverError().entity(refusal + "\n"));
    }

    @DELETE
    @Path("{room}/{client}")
    public Response delete(@PathParam("room") String room, @PathParam("client") String client) {
        rooms.leave(RoomIds.require(room), RoomIds.require(client));
        return cors(Response.ok());
    }

    @OPTIONS
    @Path("{room}/{client}")
    public Response preflight() {
        return cors(Response.ok());
    }

    /** Collider's counters, and the TURN server's under {@code turn} (counts only). */
    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject status() throws ResourceException {
        return JsonBuilders.object(stats.toJson()).add("turn", relays.toJson()).build();
    }

    private static Response cors(Response.ResponseBuilder response) {
        return response.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "POST, DELETE")
                .build();
    }
}
