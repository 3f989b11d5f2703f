package org.wildrtc.signaling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A room's members in memory, with their sockets. Guarded by its own {@link #lock} (RoomChannels);
 * every change to the room in the database happens under it too, so the two agree.
 */
final class RoomChannel {
    /** The room's one lock; a lock rather than a monitor so IO threads can try it without waiting. */
    final ReentrantLock lock = new ReentrantLock();
    final String roomId;
    int capacity;
    /** Join order. */
    final Map<String, Presence> members = new LinkedHashMap<>();
    boolean loaded;
    /** Taken out of the registry (its room emptied); whoever still holds it must look again. */
    boolean retired;

    RoomChannel(String roomId) {
        this.roomId = roomId;
    }

    boolean exists() {
        return !members.isEmpty();
    }

    boolean isFull() {
        return members.size() >= capacity;
    }

    Presence byPeer(String peerId) {
        for (Presence member : members.values()) {
            if (member.peerId.equals(peerId)) {
                return member;
            }
        }
        return null;
    }

    /**
     * Whether {@code send} from {@code sender} would touch no database: every recipient has a live
     * socket, or {@code to} names no other member (an error, queued for nobody).
     */
    boolean deliversLive(Presence sender, String to) {
        if (to != null) {
            Presence target = byPeer(to);
            return target == null || target == sender || target.live();
        }
        boolean anyone = false;
        for (Presence other : members.values()) {
            if (other != sender) {
                if (!other.live()) {
                    return false;
                }
                anyone = true;
            }
        }
        return anyone;
    }

    /** Whether a message from {@code sender} to every other member would go to a backed-up socket. */
    boolean reachesBackedUp(Presence sender) {
        for (Presence other : members.values()) {
            if (other != sender && other.live() && other.socket.backedUp()) {
                return true;
            }
        }
        return false;
    }

    /** Tells every other live member that asked for events. */
    void announce(Presence about, String event) {
        String frame = null;
        for (Presence other : members.values()) {
            if (other != about && other.live() && other.socket.wantsEvents()) {
                if (frame == null) {
                    frame = Reply.event(event, about.peerId).frame();
                }
                other.socket.send(frame);
            }
        }
    }
}
