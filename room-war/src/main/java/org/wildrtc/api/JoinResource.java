package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.wildrtc.room.JoinResult;
import org.wildrtc.room.RoomService;

/**
 * {@code POST /join/{room}}: takes a place in the room. As in AppRTC, the result travels in the
 * body with HTTP 200: {@code SUCCESS} with the client's parameters, or {@code FULL}.
 */
@Path("join/{room}")
public class JoinResource {

    @Inject
    RoomService rooms;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject join(@PathParam("room") String room) {
        JoinResult result = rooms.join(RoomIds.require(room));
        if (result.status() == JoinResult.Status.FULL) {
            return Json.createObjectBuilder()
                    .add("result", "FULL")
                    .add("params", Json.createObjectBuilder().add("messages", Json.createArrayBuilder()))
                    .build();
        }
        return Json.createObjectBuilder()
                .add("result", "SUCCESS")
                .add("params", Json.createObjectBuilder()
                        .add("room_id", room)
                        .add("client_id", result.clientId())
                        // AppRTC sends JSON text: the browser compares with === 'true'.
                        .add("is_initiator", Boolean.toString(result.initiator()))
                        .add("messages", Json.createArrayBuilder()))
                .build();
    }
}
