package org.wildrtc.turn;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters, written by the event loops and read by anyone (the management view, /params).
 * Gauges are refreshed by the expiry sweep once a second.
 */
public final class TurnStats {
    final LongAdder packetsRelayed = new LongAdder();
    final LongAdder bytesRelayed = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder packetsDropped = new LongAdder();
    volatile int allocations;
    volatile int permissions;
    volatile int channels;

    public void relayed(int bytes) {
        packetsRelayed.increment();
        bytesRelayed.add(bytes);
    }

    public void dropped() {
        packetsDropped.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(allocations, permissions, channels, packetsRelayed.sum(), bytesRelayed.sum(),
                packetsDropped.sum(), authFailures.sum());
    }

    /** The counters at one moment. */
    public record Snapshot(int allocations, int permissions, int channels, long packetsRelayed, long bytesRelayed,
                           long packetsDropped, long authFailures) {
    }
}
