package org.wildrtc.signaling;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Runs one socket's slow work (database, blocking sends) on a worker thread, in the order it was
 * handed in, one task at a time. The socket's IO thread only takes its fast path while the lane is
 * idle, so a socket's frames are handled in order whichever path each takes.
 */
final class SerialLane {
    private static final Logger LOG = Logger.getLogger(SerialLane.class);
    private final Executor executor;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialLane(Executor executor) {
        this.executor = executor;
    }

    synchronized boolean idle() {
        return !running;
    }

    void submit(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The application is stopping; nothing will handle the socket any more.
            synchronized (this) {
                tasks.clear();
                running = false;
            }
            LOG.debugf("Signaling work dropped: %s", e.toString());
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // One failed frame (say, the database was away) must not stall the socket's later ones.
                LOG.warnf("Signaling work failed: %s", e.toString());
            }
        }
    }
}
