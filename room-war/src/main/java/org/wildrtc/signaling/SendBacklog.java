package org.wildrtc.signaling;

import java.util.List;

/**
 * Back-pressure for one socket's outgoing frames. The container queues asynchronous sends without
 * bound, so a member that reads slower than its room writes to it would make the server hold every
 * frame in memory. Past the high mark (characters not yet written; {@code wildrtc.signaling.queue-bytes})
 * the sockets that keep writing to it are no longer read (their own TCP window then slows their
 * clients down, as Collider's blocking writes do) and HTTP senders are told to retry, until it drains
 * to a quarter of the mark or closes. Nothing is dropped. A member that stays backed up, not draining
 * to a quarter of the mark for the stall time, has stopped reading: its socket is closed
 * ({@link #stallCheck}), so its senders are not paused forever.
 */
final class SendBacklog {
    /** {@link #stallCheck}'s answer when there is nothing to watch. */
    static final long NOT_BACKED_UP = Long.MAX_VALUE;

    private final long high;
    private final long low;
    private final HeldSenders held = new HeldSenders();
    private long unwritten;
    /** Whether the backlog reached the high mark and has not drained to the low one since. */
    private boolean backedUp;
    private long backedUpSince;
    /** Whether a stall check is scheduled: one at a time per socket. */
    private boolean watched;
    private boolean closed;

    /** @param highChars the high mark; the low one is a quarter of it */
    SendBacklog(int highChars) {
        this.high = highChars;
        this.low = highChars / 4;
    }

    /**
     * A frame of {@code chars} characters was handed to the container.
     *
     * @return whether the caller must have {@link #stallCheck} called after the stall time: the backlog
     *         just backed up and no check is scheduled yet
     */
    synchronized boolean queued(int chars, long nowNanos) {
        unwritten += chars;
        if (unwritten < high || closed) {
            return false;
        }
        if (!backedUp) {
            backedUp = true;
            backedUpSince = nowNanos;
        }
        if (watched) {
            return false;
        }
        watched = true;
        return true;
    }

    /** A frame was written (or failed): the container is done with it. */
    void written(int chars) {
        List<ReadSwitch> release;
        synchronized (this) {
            unwritten -= chars;
            if (unwritten > low) {
                return;
            }
            backedUp = false;
            release = held.take();
        }
        release.forEach(ReadSwitch::release);
    }

    /** Whether less than the high mark waits: more may be handed to the container. */
    synchronized boolean hasRoom() {
        return unwritten < high;
    }

    /**
     * Whether the backlog reached the high mark and has not drained to the low one since: senders
     * are paused meanwhile, and a sender that cannot be paused is refused.
     */
    synchronized boolean backedUp() {
        return backedUp && !closed;
    }

    /**
     * Called after a sender queued a frame here.
     *
     * @return whether the sender is now held until this socket drains
     */
    synchronized boolean holdIfBackedUp(ReadSwitch sender) {
        if (closed || !backedUp) {
            return false;
        }
        // Pausing does not call back here; resuming may (the container reads at once), so releases
        // happen outside this lock.
        held.hold(sender);
        return true;
    }

    /**
     * Called when a check scheduled by {@link #queued} is due.
     *
     * @return how much longer the backlog may stay backed up, in nanoseconds: zero or less means its
     *         reader stalled; else the caller checks again after that long, unless it is
     *         {@link #NOT_BACKED_UP}
     */
    synchronized long stallCheck(long nowNanos, long stallNanos) {
        if (!backedUp || closed) {
            watched = false;
            return NOT_BACKED_UP;
        }
        return backedUpSince + stallNanos - nowNanos;
    }

    /** The socket is gone: nobody waits for it any more. */
    void closed() {
        List<ReadSwitch> release;
        synchronized (this) {
            closed = true;
            release = held.take();
        }
        release.forEach(ReadSwitch::release);
    }
}
