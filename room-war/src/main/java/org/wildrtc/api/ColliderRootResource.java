package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.signaling.RoomChannels;
import org.wildrtc.signaling.SignalingStats;

/**
 * Collider's HTTP side where Collider has it, at {@code /{room}/{client}}, with open registration only
 * ({@code wildrtc.signaling.open-registration}): an AppRTC room server that names us as its Collider
 * hands out {@code wss_post_url} as the bare origin, and its clients post and hang up there. Without
 * open registration those paths do not exist (404), as our own clients use {@code /signaling}.
 */
@Path("")
public class ColliderRootResource {
    /**
     * The class shares the root with {@link ClientPageResource}: at class level, {@code {room}/{client}}
     * would be chosen for {@code /r/{room}} too, and its GET answered 405 (JAX-RS 3.1 §3.7.2 picks the
     * class before the method); as a method path, the more literal {@code r/{room}} wins.
     */
    private static final String PATH = "{room}/{client}";

    @Inject
    RoomChannels rooms;

    @Inject
    RoomSettings settings;

    @Inject
    SignalingStats stats;

    @Context
    HttpServletRequest request;

    @POST
    @Path(PATH)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response post(@PathParam("room") String room, @PathParam("client") String client, byte[] body) {
        requireOpenRegistration();
        return ColliderHttp.post(rooms, stats, room, client, body,
                RequestContext.clientAddress(request, settings));
    }

    @DELETE
    @Path(PATH)
    public Response delete(@PathParam("room") String room, @PathParam("client") String client) {
        requireOpenRegistration();
        return ColliderHttp.delete(rooms, room, client);
    }

    @OPTIONS
    @Path(PATH)
    public Response preflight() {
        requireOpenRegistration();
        return ColliderHttp.preflight();
    }

    private void requireOpenRegistration() {
        if (!settings.openRegistration()) {
            throw new NotFoundException();
        }
    }
}
