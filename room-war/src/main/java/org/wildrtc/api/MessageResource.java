package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.wildrtc.signaling.PostResult;
import org.wildrtc.signaling.RoomChannels;

/**
 * {@code POST /message/{room}/{client}}: AppRTC's initiator posts its offer and candidates here.
 * The body is stored verbatim, never parsed; it goes to the other member, or waits for the next
 * joiner while the sender is alone.
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
        return Results.of(switch (result) {
            case ACCEPTED -> "SUCCESS";
            case UNKNOWN_ROOM -> "UNKNOWN_ROOM";
            case UNKNOWN_CLIENT -> "UNKNOWN_CLIENT";
            case QUEUE_FULL -> "ERROR";
        });
    }
}
