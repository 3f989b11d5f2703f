package org.wildrtc.signaling;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Back-pressure for one socket's outgoing frames. The container queues asynchronous sends without
 * bound, so a member that reads slower than its room writes to it would make the server hold every
 * frame in memory. Past {@link #HIGH} frames not yet written, the sockets that keep writing to it are
 * no longer read (their own TCP window then slows their clients down, as Collider's blocking writes
 * do) until it drains to {@link #LOW} or closes. Nothing is dropped.
 */
final class SendBacklog {
    static final int HIGH = 256;
    static final int LOW = 64;

    private final AtomicInteger unwritten = new AtomicInteger();
    private final Queue<ReadSwitch> held = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** A frame was handed to the container. */
    void queued() {
        unwritten.incrementAndGet();
    }

    /** A frame was written (or failed): the container is done with it. */
    void written() {
        if (unwritten.decrementAndGet() <= LOW && !held.isEmpty()) {
            releaseAll();
        }
    }

    /**
     * Called after a sender queued a frame here.
     *
     * @return whether the sender is now held until this socket drains
     */
    boolean holdIfBackedUp(ReadSwitch sender) {
        if (closed || unwritten.get() < HIGH) {
            return false;
        }
        sender.hold();
        held.add(sender);
        // written() or closed() may have run between the check and the add, and seen nobody held.
        if (closed || unwritten.get() <= LOW) {
            releaseAll();
        }
        return true;
    }

    /** The socket is gone: nobody waits for it any more. */
    void closed() {
        closed = true;
        releaseAll();
    }

    private void releaseAll() {
        ReadSwitch sender;
        while ((sender = held.poll()) != null) {
            sender.release();
        }
    }
}
