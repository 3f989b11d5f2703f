package org.wildrtc.turn;

import java.util.Locale;

/**
 * Why the server refused or dropped something to protect itself: each limit that turns work away
 * counts here, under a fixed name, so an admin sees in the status counters which one is hit.
 */
public enum Refusal {
    /** Requests dropped unanswered from a source that failed authentication too often this minute. */
    AUTH_BLOCKED;

    /** The counter's name in the status output, e.g. {@code auth_blocked}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
