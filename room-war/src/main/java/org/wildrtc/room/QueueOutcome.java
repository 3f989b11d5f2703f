package org.wildrtc.room;

/**
 * What {@link RoomService#queue} did with a message.
 *
 * @param socketNode with {@link QueueResult#ELSEWHERE}, the node that holds the recipient's socket
 */
public record QueueOutcome(QueueResult result, String socketNode) {
    public static final QueueOutcome QUEUED = new QueueOutcome(QueueResult.QUEUED, null);
    public static final QueueOutcome RECIPIENT_FULL = new QueueOutcome(QueueResult.RECIPIENT_FULL, null);
    public static final QueueOutcome ROOM_FULL = new QueueOutcome(QueueResult.ROOM_FULL, null);
    public static final QueueOutcome NOT_ALONE = new QueueOutcome(QueueResult.NOT_ALONE, null);

    public static QueueOutcome elsewhere(String node) {
        return new QueueOutcome(QueueResult.ELSEWHERE, node);
    }
}
