package org.wildrtc.room;

/** Whether a message was kept for its recipient, or which bound refused it. */
public enum QueueResult {
    QUEUED,
    /** {@value RoomService#MAX_QUEUED_PER_RECIPIENT} messages already wait for the recipient. */
    RECIPIENT_FULL,
    /** The room's queued messages would grow past the room's bound. */
    ROOM_FULL
}
