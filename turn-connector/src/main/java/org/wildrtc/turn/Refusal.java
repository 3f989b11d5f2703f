package org.wildrtc.turn;

import java.util.Locale;

/**
 * Why the server refused or dropped something to protect itself: each limit that turns work away
 * counts here, under a fixed name, so an admin sees in the status counters which one is hit.
 */
public enum Refusal {
    /** Requests dropped unanswered from a source that failed authentication too often this minute. */
    AUTH_BLOCKED,
    /** 401/438 challenges not sent over UDP: their source address had its share this second. */
    CHALLENGE_RATE,
    /** CreatePermission and ChannelBind refused (508): the allocation holds its most permissions. */
    PERMISSION_LIMIT,
    /** Allocates that asked to reserve the next port refused (508): the server holds its most reservations. */
    RESERVATION_LIMIT;

    /** The counter's name in the status output, e.g. {@code auth_blocked}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
