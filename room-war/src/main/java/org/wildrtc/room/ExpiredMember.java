package org.wildrtc.room;

/** A member whose time to (re)connect ran out. */
public record ExpiredMember(String roomId, String clientId) {
}
