package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.wildrtc.signaling.RoomChannels;

/**
 * {@code POST /leave/{room}/{client}}: the member leaves. Always 200 with an empty body, even for ids
 * that are not (or no longer) members, as AppRTC answers.
 */
@Path("leave/{room}/{client}")
public class LeaveResource {

    @Inject
    RoomChannels rooms;

    @POST
    public Response leave(@PathParam("room") String room, @PathParam("client") String client) {
        rooms.leave(RoomIds.require(room), RoomIds.require(client));
        return Response.ok().build();
    }
}
