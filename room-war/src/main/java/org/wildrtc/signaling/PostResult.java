package org.wildrtc.signaling;

/** What became of a message posted over HTTP ({@code /message} or Collider's POST), or sent on a socket. */
public enum PostResult {
    /** Sent to the members' sockets or queued until they register. */
    ACCEPTED,
    UNKNOWN_ROOM,
    UNKNOWN_CLIENT,
    /** {@value org.wildrtc.room.RoomService#MAX_QUEUED_PER_RECIPIENT} messages already wait for a recipient. */
    QUEUE_FULL,
    /** The room's queue holds as much as it may ({@code wildrtc.rooms.queued-bytes}). */
    ROOM_QUEUE_FULL,
    /** Over the sender's rate ({@code wildrtc.signaling.rate-per-second}); nothing was delivered. */
    TOO_MANY_MESSAGES,
    /** A recipient's socket is backed up (an HTTP sender cannot be paused); nothing was delivered. */
    BACKED_UP,
    /** Open registration, Collider's POST: the unknown client finds the room full. */
    ROOM_FULL,
    /** Open registration, Collider's POST: the unknown client's source joined too often; nothing was delivered. */
    TOO_MANY_JOINS;

    /** Whether the same message may well be accepted a moment later: HTTP answers 429. */
    public boolean retryLater() {
        return this == TOO_MANY_MESSAGES || this == BACKED_UP || this == TOO_MANY_JOINS;
    }
}
