package org.wildrtc.signaling;

/** What became of a message posted over HTTP ({@code /message} or Collider's POST). */
public enum PostResult {
    /** Sent to the members' sockets or queued until they register. */
    ACCEPTED,
    UNKNOWN_ROOM,
    UNKNOWN_CLIENT,
    /** {@value org.wildrtc.room.RoomService#MAX_QUEUED_PER_RECIPIENT} messages already wait. */
    QUEUE_FULL
}
