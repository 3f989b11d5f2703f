package org.wildrtc.admin;

import jakarta.json.JsonObject;
import org.wildrtc.json.JsonBuilders;

/**
 * An admin request the API refuses, answered as {@code {"error": "..."}} with its HTTP status
 * ({@link AdminErrors}). The message is shown to the admin as it is, so it never holds a secret.
 */
public final class AdminError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private AdminError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return body(getMessage());
    }

    static JsonObject body(String message) {
        return JsonBuilders.object().add("error", message).build();
    }

    static AdminError badRequest(String message) {
        return new AdminError(400, message);
    }

    static AdminError unsupportedMediaType(String message) {
        return new AdminError(415, message);
    }

    static AdminError unavailable(String message) {
        return new AdminError(503, message);
    }
}
