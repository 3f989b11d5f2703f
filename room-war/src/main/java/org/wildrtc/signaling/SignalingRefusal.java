package org.wildrtc.signaling;

import java.util.Locale;

/**
 * Why the room server refused something to protect itself: each limit that turns work away counts
 * here, under a fixed name, so an admin sees in {@code /signaling/status} which one is hit.
 */
public enum SignalingRefusal {
    /** Messages over the sender's rate ({@code wildrtc.signaling.rate-per-second}), any way in. */
    MESSAGE_RATE,
    /** Messages posted over HTTP toward a member whose socket is backed up. */
    BACKED_UP,
    /** Messages refused because {@value org.wildrtc.room.RoomService#MAX_QUEUED_PER_RECIPIENT} wait for a member. */
    RECIPIENT_QUEUE,
    /** Messages refused because the room's queue is full ({@code wildrtc.rooms.queued-bytes}). */
    ROOM_QUEUE,
    /** Sockets disconnected because they stopped reading ({@code wildrtc.signaling.stall-seconds}). */
    STALLED,
    /** Joins refused for their source address's rate ({@code wildrtc.rooms.joins-per-minute}). */
    JOIN_RATE;

    /** The counter's name in the status output, e.g. {@code message_rate}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
