package org.wildrtc.admin;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers an {@link AdminError} with its status and JSON message (nearer than api/UnexpectedErrors). */
@Provider
public class AdminErrors implements ExceptionMapper<AdminError> {
    @Override
    public Response toResponse(AdminError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(error.body()).build();
    }
}
