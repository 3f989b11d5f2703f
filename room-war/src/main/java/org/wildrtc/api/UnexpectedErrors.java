package org.wildrtc.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.wildrtc.json.JsonBuilders;
import org.wildrtc.metrics.DatabaseFailure;
import org.wildrtc.metrics.WildRtcMeters;

/**
 * Failures nobody planned for: logged here with their cause, answered with AppRTC's {@code ERROR}
 * result and never a stack trace. Planned errors (404 for bad ids, 403, 413) keep their answers.
 */
@Provider
public class UnexpectedErrors implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class);

    @Inject
    WildRtcMeters meters;

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException planned) {
            return planned.getResponse();
        }
        LOG.errorf(error, "Room API request failed");
        if (DatabaseFailure.causedBy(error)) {
            meters.databaseError();
        }
        return Response.status(Response.Status.INTERNAL_SERVER_ERROR)
                .type(MediaType.APPLICATION_JSON)
                .entity(JsonBuilders.object().add("result", "ERROR")
                        .add("error", "The server failed; see its log").build())
                .build();
    }
}
