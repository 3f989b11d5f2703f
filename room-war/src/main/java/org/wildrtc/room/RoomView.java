package org.wildrtc.room;

import java.util.List;

/** A room and its members, oldest first, detached from the persistence context. */
public record RoomView(String id, int capacity, List<MemberView> members) {
}
