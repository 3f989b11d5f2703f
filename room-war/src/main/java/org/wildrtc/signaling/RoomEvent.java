package org.wildrtc.signaling;

/**
 * What one node tells the others about a room, so that each node's members in memory
 * ({@link RoomChannel}) follow the rooms' changes made through any node, and a message reaches a
 * socket held by another node. Sent through {@link ClusterNodes}, in order per pair of nodes.
 */
public sealed interface RoomEvent {
    String roomId();

    /** A member was admitted through the sending node ({@code /join}, or open registration). */
    record Joined(String roomId, String clientId, String peerId) implements RoomEvent {
    }

    /** The member's socket is open on {@code node} now; the others announce it when they had not yet. */
    record Attached(String roomId, String clientId, String peerId, String node) implements RoomEvent {
    }

    /** The member's socket on {@code node} is gone; it keeps its place for the grace period. */
    record Detached(String roomId, String clientId, String node) implements RoomEvent {
    }

    /** The member left the room, or expired. */
    record Left(String roomId, String clientId) implements RoomEvent {
    }

    /** A message for the member whose socket the receiving node holds. */
    record Delivery(String roomId, String clientId, String senderPeerId, String msg) implements RoomEvent {
    }
}
