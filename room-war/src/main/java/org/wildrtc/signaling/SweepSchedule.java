package org.wildrtc.signaling;

import java.time.Duration;
import java.time.Instant;

/**
 * When the janitor sweeps next: at the earliest expiry it knows of, but not sooner than
 * {@link #MIN_GAP} after the last sweep (a sweep per second at most, however many members expire),
 * and not later than {@link #BACKSTOP} after it. The backstop finds expiries this node was not told
 * of: those another node set just before it went away. An idle server sweeps only at the backstop,
 * instead of reading the database every second.
 */
final class SweepSchedule {
    static final Duration MIN_GAP = Duration.ofSeconds(1);
    static final Duration BACKSTOP = Duration.ofSeconds(30);

    private SweepSchedule() {
    }

    /** @param earliestExpiry the earliest expiry known, or null when no member has one */
    static Instant next(Instant lastSweep, Instant earliestExpiry) {
        Instant latest = lastSweep.plus(BACKSTOP);
        Instant due = earliestExpiry == null || earliestExpiry.isAfter(latest) ? latest : earliestExpiry;
        Instant soonest = lastSweep.plus(MIN_GAP);
        return due.isBefore(soonest) ? soonest : due;
    }

    /** The earlier of two expiries, either of which may be null (none). */
    static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
