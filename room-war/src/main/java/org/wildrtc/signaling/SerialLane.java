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
 *
 * <p>The IO thread reads faster than a worker handles frames that wait on the database, so what
 * waits is bounded: past {@code maxChars} the socket is no longer read (its client's TCP window
 * fills and slows it down) until the lane is down to a quarter of that.
 */
final class SerialLane {
    private static final Logger LOG = Logger.getLogger(SerialLane.class);
    /** What a waiting frame costs beyond its text: the command, its task and the queue's slot. */
    static final int TASK_CHARS = 128;

    private record Task(Runnable work, int weight) {
    }

    private final Executor executor;
    private final ReadSwitch reads;
    private final long maxChars;
    private final Queue<Task> tasks = new ArrayDeque<>();
    private long waitingChars;
    private boolean holding;
    private boolean running;

    /** @param reads the socket's reads, paused while too much waits */
    SerialLane(Executor executor, ReadSwitch reads, int maxChars) {
        this.executor = executor;
        this.reads = reads;
        this.maxChars = maxChars;
    }

    synchronized boolean idle() {
        return !running;
    }

    /** Work that keeps no frame's text. */
    void submit(Runnable work) {
        submit(work, 0);
    }

    /** @param chars the length of the frame the work holds */
    void submit(Runnable work, int chars) {
        boolean start;
        synchronized (this) {
            Task task = new Task(work, chars + TASK_CHARS);
            tasks.add(task);
            waitingChars += task.weight();
            if (!holding && waitingChars >= maxChars) {
                holding = true;
                // Under the lock, so a release cannot overtake it; pausing calls nothing back.
                reads.hold();
            }
            start = !running;
            running = true;
        }
        if (!start) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The application is stopping; nothing will handle the socket any more.
            synchronized (this) {
                tasks.clear();
                waitingChars = 0;
                running = false;
            }
            releaseIfDrained();
            LOG.debugf("Signaling work dropped: %s", e.toString());
        }
    }

    private void drain() {
        while (true) {
            Task task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.work().run();
            } catch (RuntimeException e) {
                // One failed frame (say, the database was away) must not stall the socket's later ones.
                LOG.warnf("Signaling work failed: %s", e.toString());
            }
            synchronized (this) {
                waitingChars -= task.weight();
            }
            releaseIfDrained();
        }
    }

    private void releaseIfDrained() {
        synchronized (this) {
            if (!holding || waitingChars > maxChars / 4) {
                return;
            }
            holding = false;
        }
        reads.release();
    }
}
