package org.wildrtc.signaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wildrtc.room.RoomMode;

/**
 * A room's members in memory, with their sockets. Guarded by its own monitor (RoomChannels);
 * every change to the room in the database happens under it too, so the two agree.
 */
final class RoomChannel {
    final String roomId;
    RoomMode mode = RoomMode.PAIR;
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

    List<Presence> othersThan(Presence member) {
        List<Presence> others = new ArrayList<>(members.size());
        for (Presence other : members.values()) {
            if (other != member) {
                others.add(other);
            }
        }
        return others;
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
