package org.wildrtc.room;

import java.util.List;

/**
 * The outcome of a join.
 *
 * @param status    whether the client got a place
 * @param mode      the room's mode (fixed when the room was created)
 * @param capacity  how many members the room takes
 * @param self      the new member; null unless {@code status} is {@link Status#SUCCESS}
 * @param peers     the members that were already in the room, oldest first
 * @param messages  what the previous member queued for the next joiner (AppRTC), oldest first
 */
public record JoinOutcome(Status status, RoomMode mode, int capacity, MemberView self, List<MemberView> peers,
                          List<String> messages) {

    public enum Status {
        SUCCESS,
        FULL,
        /** The room does not exist and could not be made: the node drains. */
        NOT_CREATED
    }

    /**
     * AppRTC's initiator: the member that found the room empty. Derived, not stored: when the
     * initiator leaves, the member left behind is alone and so takes the role for the next joiner.
     */
    public boolean initiator() {
        return self != null && peers.isEmpty();
    }
}
