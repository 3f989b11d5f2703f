package org.wildrtc.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * HTTP 429 Too Many Requests (RFC 6585 §4) with a text saying which limit refused the message, and
 * Retry-After (RFC 9110 §10.2.3): nothing was delivered, and the same message may well be accepted
 * a moment later.
 */
final class RetryLater {
    private static final int AFTER_SECONDS = 1;

    private RetryLater() {
    }

    static Response.ResponseBuilder response(String text) {
        return Response.status(Response.Status.TOO_MANY_REQUESTS)
                .type(MediaType.TEXT_PLAIN)
                .header("Retry-After", AFTER_SECONDS)
                .entity(text + "\n");
    }
}
