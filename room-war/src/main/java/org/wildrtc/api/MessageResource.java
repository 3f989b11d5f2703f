package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.wildrtc.signaling.PostResult;
import org.wildrtc.signaling.RoomChannels;

/**
 * {@code POST /message/{room}/{client}}: AppRTC's initiator posts its offer and candidates here.
 * The body is stored verbatim, never parsed; it goes to the other member, or waits for the next
 * joiner while the sender is alone. A queue that is full answers AppRTC's {@code ERROR} with the
 * reason; over the sender's rate, or toward a socket that is not keeping up, the answer is 429.
 */
@Path("message/{room}/{client}")
public class MessageResource {

    @Inject
    RoomChannels rooms;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject message(@PathParam("room") String room, @PathParam("client") String client, byte[] body) {
        PostResult result = rooms.post(RoomIds.require(room), RoomIds.require(client), MessageBodies.text(body));
        return switch (result) {
            case ACCEPTED -> Results.of("SUCCESS");
            case UNKNOWN_ROOM -> Results.of("UNKNOWN_ROOM");
            case UNKNOWN_CLIENT -> Results.of("UNKNOWN_CLIENT");
            case QUEUE_FULL, ROOM_QUEUE_FULL, ROOM_FULL -> Results.error(rooms.refusal(result));
            case TOO_MANY_MESSAGES, BACKED_UP, TOO_MANY_JOINS ->
                    throw new WebApplicationException(RetryLater.response(rooms.refusal(result)).build());
        };
    }
}
