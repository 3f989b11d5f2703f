package org.wildrtc.signaling;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What waited for a member while it had no socket, handed to its new socket as fast as the member
 * reads rather than all at once: a register may find a whole room's queue waiting
 * ({@code wildrtc.rooms.queued-bytes}), more than a socket's backlog may hold ({@link SendBacklog}).
 * Frames are written while the backlog is below its high mark, and again each time a write completes.
 * Frames sent to the socket meanwhile go after the queued ones, so the member reads everything in
 * the order it was sent; their senders see the backlog full and are paused as usual.
 *
 * <p>Only one thread writes at a time (the one that finds nobody writing), and never under this
 * object's lock: the container may run a write's completion, which writes more, on the same thread.
 */
final class CatchUp {
    private final SendBacklog backlog;
    private final Consumer<String> write;
    private final Deque<String> waiting = new ArrayDeque<>();
    /** Whether frames wait here; until they are all written, every frame for the socket waits behind them. */
    private volatile boolean active;
    private boolean writing;

    /** @param write hands a frame to the container; it counts it in {@code backlog} */
    CatchUp(SendBacklog backlog, Consumer<String> write) {
        this.backlog = backlog;
        this.write = write;
    }

    /** Starts handing over what waited for the member, oldest first. */
    void start(Collection<String> frames) {
        synchronized (this) {
            waiting.addAll(frames);
            active = !waiting.isEmpty();
        }
        writeWhileRoom();
    }

    /**
     * A frame for the socket.
     *
     * @return false when nothing waits here: the caller writes the frame itself
     */
    boolean enqueue(String frame) {
        if (!active) {
            return false;
        }
        synchronized (this) {
            if (!active) {
                return false;
            }
            waiting.add(frame);
        }
        writeWhileRoom();
        return true;
    }

    /** A write completed: there may be room for more. */
    void written() {
        if (active) {
            writeWhileRoom();
        }
    }

    private void writeWhileRoom() {
        synchronized (this) {
            if (writing) {
                // The writer re-checks the room under this lock before it stops.
                return;
            }
            writing = true;
        }
        while (true) {
            String frame;
            synchronized (this) {
                if (waiting.isEmpty() || !backlog.hasRoom()) {
                    active = !waiting.isEmpty();
                    writing = false;
                    return;
                }
                frame = waiting.poll();
            }
            write.accept(frame);
        }
    }
}
