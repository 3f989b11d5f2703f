package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.ice.IceServers;

/** {@code GET /params}: AppRTC's room parameters for a client that has not joined yet. */
@Path("params")
public class ParamsResource {

    @Inject
    IceServers iceServers;

    @Inject
    RoomSettings settings;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject params(@Context UriInfo uri, @Context HttpHeaders headers) throws ResourceException {
        RequestContext context = RequestContext.of(uri, headers, request, settings);
        return RoomParameters.forAnyClient(iceServers.forNewClient(context.iceHost()), context);
    }
}
