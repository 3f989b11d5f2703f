package org.wildrtc.room;

import java.time.Instant;

/**
 * A room as an admin lists it: no client ids, which let their holder act as the member.
 *
 * @param members   how many members it has now, on every node
 * @param createdAt when its first member joined
 */
public record RoomSummary(String id, RoomMode mode, int members, Instant createdAt) {
}
