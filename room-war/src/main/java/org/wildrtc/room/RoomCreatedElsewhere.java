package org.wildrtc.room;

/**
 * A new room could not be stored: with several nodes on one database another node may have created
 * it since this one looked (each node locks only its own rooms, and a row that does not exist yet
 * cannot be locked). The transaction is rolled back; joining again, in a new one, finds that room.
 */
public class RoomCreatedElsewhere extends RuntimeException {
    RoomCreatedElsewhere(String roomId, RuntimeException cause) {
        super("room " + roomId + " could not be created: " + cause.getMessage(), cause);
    }
}
