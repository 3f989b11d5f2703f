package org.wildrtc.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A once-a-second beat on every event loop. A loop that runs a task that never returns (a wedged
 * loop) stops beating, and its clients get no answers: a beat older than {@link #WEDGED_AFTER_NANOS}
 * says so to health checks.
 */
final class LoopHeartbeats {
    /** Five missed beats: far beyond any pause a working loop has (GC, a busy second). */
    static final long WEDGED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final AtomicLongArray lastBeat;

    private LoopHeartbeats(int loops) {
        this.lastBeat = new AtomicLongArray(loops);
    }

    /** Starts beating on each loop of {@code group}; the beats end with the loops. */
    static LoopHeartbeats start(EventLoopGroup group) {
        int count = 0;
        for (EventExecutor ignored : group) {
            count++;
        }
        LoopHeartbeats beats = new LoopHeartbeats(count);
        long now = System.nanoTime();
        int index = 0;
        for (EventExecutor loop : group) {
            int slot = index++;
            beats.lastBeat.set(slot, now);
            loop.scheduleAtFixedRate(() -> beats.lastBeat.set(slot, System.nanoTime()), 1, 1, TimeUnit.SECONDS);
        }
        return beats;
    }

    int loops() {
        return lastBeat.length();
    }

    /** How many loops have not beaten for {@link #WEDGED_AFTER_NANOS}. */
    int wedged(long nowNanos) {
        int wedged = 0;
        for (int i = 0; i < lastBeat.length(); i++) {
            if (nowNanos - lastBeat.get(i) > WEDGED_AFTER_NANOS) {
                wedged++;
            }
        }
        return wedged;
    }
}
