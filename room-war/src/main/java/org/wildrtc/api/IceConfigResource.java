package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.ice.IceServers;
import org.wildrtc.json.JsonBuilders;

/**
 * {@code POST /v1alpha/iceconfig?key=K}: the ICE server service AppRTC's client calls (at
 * {@code ice_server_url}) when {@code pc_config} has no ICE servers. The key is
 * {@code wildrtc.ice.api-key}.
 */
@Path(IceConfigResource.PATH)
public class IceConfigResource {
    static final String PATH = "/v1alpha/iceconfig";

    @Inject
    IceServers iceServers;

    @Inject
    RoomSettings settings;

    @Context
    HttpServletRequest request;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject iceConfig(@QueryParam("key") String key, @Context UriInfo uri, @Context HttpHeaders headers)
            throws ResourceException {
        byte[] expected = settings.iceApiKey().getBytes(StandardCharsets.UTF_8);
        if (key == null || !MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenException(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(JsonBuilders.object().add("error", "Invalid or missing API key").build()).build());
        }
        return JsonBuilders.object()
                .add("iceServers", iceServers.forNewClient(
                        PublicOrigin.of(uri, headers, request.getRemoteAddr(), settings).host()))
                .build();
    }
}
