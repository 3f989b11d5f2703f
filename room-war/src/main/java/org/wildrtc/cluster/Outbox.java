package org.wildrtc.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.wildrtc.signaling.HeldSenders;
import org.wildrtc.signaling.ReadSwitch;
import org.wildrtc.signaling.RoomEvent;

/**
 * What this node sends one other node, in the order it was offered. WildFly's command dispatcher
 * runs every command on a thread of its own at the receiver (JGroups out-of-band messages), so two
 * commands in flight may run in either order; an outbox has at most one batch in flight and sends
 * what waited meanwhile as the next batch when it is answered. Under load that batches; a lone
 * message goes at once. Bounded: an offer beyond {@code capacity} waiting events is refused. Before
 * that, from a high mark until it drains to a low one, senders that can be paused are held
 * ({@link #holdIfBackedUp}), as a socket's backlog holds them.
 */
final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** Events in one command, so a backlog drains in a few round trips without one huge message. */
    static final int MAX_BATCH = 256;

    /** Sends one batch; the stage completes when the other node has run it. */
    interface Dispatch {
        CompletionStage<?> send(List<RoomEvent> batch) throws Exception;
    }

    private final String node;
    private final int capacity;
    private final int high;
    private final int low;
    private final Dispatch dispatch;
    private final ArrayDeque<RoomEvent> waiting = new ArrayDeque<>();
    /** The senders held since the high mark. */
    private final HeldSenders held = new HeldSenders();
    private boolean backedUp;
    private boolean inFlight;
    private boolean closed;

    /**
     * @param capacity events that may wait; beyond, offers are refused
     * @param high     from this many waiting, senders are held
     * @param low      ...until this many are left
     */
    Outbox(String node, int capacity, int high, int low, Dispatch dispatch) {
        this.node = node;
        this.capacity = capacity;
        this.high = high;
        this.low = low;
        this.dispatch = dispatch;
    }

    /** @return false when the outbox is closed or full: the event is not sent */
    boolean offer(RoomEvent event) {
        List<RoomEvent> batch;
        synchronized (this) {
            if (closed || waiting.size() >= capacity) {
                return false;
            }
            waiting.add(event);
            if (waiting.size() >= high) {
                backedUp = true;
            }
            if (inFlight) {
                return true;
            }
            inFlight = true;
            batch = takeBatch();
        }
        sendFrom(batch);
        return true;
    }

    /**
     * After a sender's offer: when the outbox is backed up, the sender is not read until the outbox
     * has drained.
     *
     * @return whether the sender is now held
     */
    synchronized boolean holdIfBackedUp(ReadSwitch sender) {
        if (closed || !backedUp) {
            return false;
        }
        held.hold(sender);
        return true;
    }

    /** The node left: what waits is dropped, later offers are refused, held senders go on. */
    void close() {
        List<ReadSwitch> release;
        synchronized (this) {
            closed = true;
            waiting.clear();
            release = held.take();
        }
        release.forEach(ReadSwitch::release);
    }

    /** Sends batches until none waits, or one is still in flight (its answer sends the next). */
    private void sendFrom(List<RoomEvent> first) {
        List<RoomEvent> batch = first;
        while (batch != null) {
            CompletableFuture<?> sent = send(batch);
            if (!sent.isDone()) {
                List<RoomEvent> inFlightBatch = batch;
                sent.whenComplete((ignored, failure) -> {
                    report(inFlightBatch, failure);
                    sendFrom(nextBatch());
                });
                return;
            }
            report(batch, sent.handle((ignored, failure) -> failure).join());
            batch = nextBatch();
        }
    }

    /** The next batch, or null (the outbox is idle then); senders held are released once it drained. */
    private List<RoomEvent> nextBatch() {
        List<ReadSwitch> release;
        List<RoomEvent> next;
        synchronized (this) {
            if (closed || waiting.isEmpty()) {
                inFlight = false;
                next = null;
            } else {
                next = takeBatch();
            }
            release = waiting.size() <= low ? drained() : List.of();
        }
        // Resuming a socket may read from it at once, which may offer here: outside the lock.
        release.forEach(ReadSwitch::release);
        return next;
    }

    private List<ReadSwitch> drained() {
        backedUp = false;
        return held.take();
    }

    private CompletableFuture<?> send(List<RoomEvent> batch) {
        try {
            return dispatch.send(batch).toCompletableFuture();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void report(List<RoomEvent> batch, Throwable failure) {
        if (failure != null) {
            LOG.warnf("Could not pass %d signaling event(s) to node %s: %s", batch.size(), node, failure.toString());
        }
    }

    private List<RoomEvent> takeBatch() {
        List<RoomEvent> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
        while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(waiting.poll());
        }
        return batch;
    }
}
