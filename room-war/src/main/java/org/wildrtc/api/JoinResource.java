package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.ice.IceServers;
import org.wildrtc.ice.TurnServer;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.metrics.WildRtcMeters;
import org.wildrtc.room.JoinOutcome;
import org.wildrtc.room.RoomMode;
import org.wildrtc.signaling.RoomChannels;

/**
 * {@code POST /join/{room}[?mode=mesh]}: takes a place in the room. As in AppRTC, the result travels
 * in the body with HTTP 200: {@code SUCCESS} with the member's parameters, or {@code FULL};
 * {@code TOO_MANY_JOINS} when the source address joined too often ({@code wildrtc.rooms.joins-per-minute});
 * {@code MAINTENANCE} when the node drains and the room does not exist yet: rooms with calls in them
 * still take members, so those calls go on (a member that reconnects joins again), and new calls
 * go to other nodes.
 */
@Path("join/{room}")
public class JoinResource {

    @Inject
    RoomChannels rooms;

    @Inject
    RoomSettings settings;

    @Inject
    IceServers iceServers;

    @Inject
    WildRtcMeters meters;

    @Inject
    TurnServer turn;

    /** Joins count per client: the connection's source address, or behind a trusted proxy the client it names. */
    @Context
    HttpServletRequest request;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject join(@PathParam("room") String room, @QueryParam("mode") String mode,
                           @Context UriInfo uri, @Context HttpHeaders headers) throws ResourceException {
        long started = System.nanoTime();
        try {
            return joinRoom(room, mode, uri, headers);
        } finally {
            meters.joined(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private JsonObject joinRoom(String room, String mode, UriInfo uri, HttpHeaders headers) throws ResourceException {
        if (!rooms.mayJoin(RequestContext.clientAddress(request, settings))) {
            return Results.of("TOO_MANY_JOINS");
        }
        String roomId = RoomIds.require(room);
        RequestContext context = RequestContext.of(uri, headers, request, settings);
        boolean mayCreate = !turn.draining();
        // Minted before the member takes its place: when the connector fails, the join fails
        // with nothing taken, rather than leaving a seat nobody holds until the register window ends.
        JsonArray ice = iceServers.forNewClient(context.iceHost());
        JoinOutcome joined = rooms.join(roomId, RoomMode.fromQuery(mode), mayCreate);
        if (joined.status() == JoinOutcome.Status.FULL) {
            return Results.of("FULL", JsonBuilders.object().add("messages", JsonBuilders.array()).build());
        }
        if (joined.status() == JoinOutcome.Status.NOT_CREATED) {
            return Results.of("MAINTENANCE");
        }
        return Results.of("SUCCESS", RoomParameters.forMember(roomId, joined, ice, context));
    }
}
