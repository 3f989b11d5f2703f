package org.wildrtc.room;

/**
 * The outcome of a join.
 *
 * @param status    whether the client got a place
 * @param clientId  the new member's id; null unless {@code status} is {@link Status#SUCCESS}
 * @param initiator whether the new member starts the call (it joined an empty room)
 */
public record JoinResult(Status status, String clientId, boolean initiator) {

    public enum Status { SUCCESS, FULL }

    static JoinResult full() {
        return new JoinResult(Status.FULL, null, false);
    }
}
