package org.wildrtc.api;

import jakarta.ws.rs.NotFoundException;
import java.util.regex.Pattern;

/** AppRTC's id rule: room and client ids match {@code [a-zA-Z0-9-_]+}; anything else is a 404. */
final class RoomIds {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private RoomIds() {
    }

    static String require(String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new NotFoundException("Invalid room or client id: use 1 to 64 of a-z, A-Z, 0-9, '-' and '_'");
        }
        return id;
    }
}
