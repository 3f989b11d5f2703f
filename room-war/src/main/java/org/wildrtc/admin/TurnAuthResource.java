package org.wildrtc.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.jboss.logging.Logger;
import org.wildrtc.ice.TurnServer;
import org.wildrtc.json.JsonBuilders;

/**
 * {@code POST /admin/turn/revoke} and {@code POST /admin/turn/secrets}: who may use the TURN server.
 * Secrets are never logged nor answered, only counted.
 */
@Path("admin/turn")
public class TurnAuthResource {
    private static final Logger LOG = Logger.getLogger(TurnAuthResource.class);
    /** STUN's USERNAME holds at most 513 bytes (RFC 8489 §14.3); no longer one can have allocations. */
    static final int MAX_USERNAME = 513;
    /** A rotation lists the new and the old; a few more leave room for overlapping rotations. */
    static final int MAX_SECRETS = 16;
    static final int MAX_SECRET_LENGTH = 1024;

    @Inject
    TurnServer turn;

    @Context
    SecurityContext security;

    /** {@code {"username": "..."}} → {@code {"username": "...", "allocations_closed": n}} */
    @POST
    @Path("revoke")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject revoke(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body)
            throws ResourceException {
        String username = JsonRequests.string(JsonRequests.object(contentType, body), "username", MAX_USERNAME);
        int closed;
        try {
            closed = turn.ask(connection -> connection.revoke(username));
        } catch (IllegalStateException full) {
            throw AdminError.unavailable("The TURN server holds as many revocations as it may; try again when"
                    + " some have expired");
        }
        LOG.infof("Admin %s revoked TURN user %s: %d allocation(s) closed", admin(), username, closed);
        return JsonBuilders.object().add("username", username).add("allocations_closed", closed).build();
    }

    /** {@code {"secrets": ["new", "old"]}} → {@code {"secrets": 2}} */
    @POST
    @Path("secrets")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject secrets(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body)
            throws ResourceException {
        List<String> secrets = JsonRequests.strings(JsonRequests.object(contentType, body), "secrets",
                MAX_SECRETS, MAX_SECRET_LENGTH);
        int count;
        try {
            count = turn.ask(connection -> {
                connection.authSecrets(secrets);
                return connection.authSecretCount();
            });
        } catch (IllegalArgumentException refused) {
            throw AdminError.badRequest("The TURN server refused the secrets: none may be empty");
        }
        LOG.infof("Admin %s replaced the TURN REST secrets: %d now verify, the first mints", admin(), count);
        return JsonBuilders.object().add("secrets", count).build();
    }

    private String admin() {
        return security.getUserPrincipal().getName();
    }
}
