package org.wildrtc.room;

import java.util.Map;

/** Rooms by mode and members in all of them, as the database last counted them. */
public record RoomCounts(Map<RoomMode, Long> rooms, long members) {
    public RoomCounts {
        rooms = Map.copyOf(rooms);
    }

    /** Rooms of that mode; a mode no room has counts 0. */
    public long rooms(RoomMode mode) {
        return rooms.getOrDefault(mode, 0L);
    }
}
