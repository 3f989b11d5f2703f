package org.wildrtc.room;

/** Whether a message was kept for its recipient, which bound refused it, or why it must go elsewhere. */
public enum QueueResult {
    QUEUED,
    /** {@value RoomService#MAX_QUEUED_PER_RECIPIENT} messages already wait for the recipient. */
    RECIPIENT_FULL,
    /** The room's queued messages would grow past the room's bound. */
    ROOM_FULL,
    /** Not queued: the recipient's socket is on another node of the cluster, which delivers it. */
    ELSEWHERE,
    /**
     * Not queued for the next joiner: the sender is no longer alone, someone joined through another
     * node meanwhile. The sender's node reads the room again and delivers to the members.
     */
    NOT_ALONE
}
