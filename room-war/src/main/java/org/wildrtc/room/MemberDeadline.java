package org.wildrtc.room;

import java.time.Instant;

/**
 * A member was given until {@code at} to open its socket or to come back (its expiry was set). Fired
 * by RoomService in the transaction that sets it; the janitor sweeps by then once it commits.
 */
public record MemberDeadline(Instant at) {
}
