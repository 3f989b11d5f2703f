package org.wildrtc.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.wildrtc.signaling.RoomEvent;

/**
 * What this node sends one other node, in the order it was offered. WildFly's command dispatcher
 * runs every command on a thread of its own at the receiver (JGroups out-of-band messages), so two
 * commands in flight may run in either order; an outbox has at most one batch in flight and sends
 * what waited meanwhile as the next batch when it is answered. Under load that batches; a lone
 * message goes at once. Bounded: an offer beyond {@code capacity} waiting events is refused.
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
    private final Dispatch dispatch;
    private final ArrayDeque<RoomEvent> waiting = new ArrayDeque<>();
    private boolean inFlight;
    private boolean closed;

    Outbox(String node, int capacity, Dispatch dispatch) {
        this.node = node;
        this.capacity = capacity;
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
            if (inFlight) {
                return true;
            }
            inFlight = true;
            batch = takeBatch();
        }
        sendFrom(batch);
        return true;
    }

    /** The node left: what waits is dropped, later offers are refused. */
    synchronized void close() {
        closed = true;
        waiting.clear();
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

    private synchronized List<RoomEvent> nextBatch() {
        if (closed || waiting.isEmpty()) {
            inFlight = false;
            return null;
        }
        return takeBatch();
    }

    private List<RoomEvent> takeBatch() {
        List<RoomEvent> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
        while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(waiting.poll());
        }
        return batch;
    }
}
