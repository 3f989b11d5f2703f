package org.wildrtc.api;

import jakarta.ws.rs.NotFoundException;
import org.wildrtc.room.IdRule;

/** Room and client ids in a path follow {@link IdRule}; anything else is a 404, as in AppRTC. */
final class RoomIds {

    private RoomIds() {
    }

    static String require(String id) {
        if (!IdRule.valid(id)) {
            throw new NotFoundException("Invalid room or client id: use " + IdRule.DESCRIPTION);
        }
        return id;
    }
}
