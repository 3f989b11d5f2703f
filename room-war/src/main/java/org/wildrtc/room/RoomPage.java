package org.wildrtc.room;

import java.util.List;

/**
 * A page of the rooms, oldest first.
 *
 * @param total how many rooms there are in all
 * @param rooms at most the asked-for number, from the asked-for offset
 */
public record RoomPage(long total, List<RoomSummary> rooms) {
    public RoomPage {
        rooms = List.copyOf(rooms);
    }
}
