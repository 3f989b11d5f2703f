package org.wildrtc.turn;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Live counters, written by the event loops and read by anyone (the connection factory's callers).
 * Permission and channel gauges are refreshed by each loop's expiry sweep once a second.
 */
public final class TurnStats {
    final LongAdder packetsRelayed = new LongAdder();
    final LongAdder bytesRelayed = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder packetsDropped = new LongAdder();
    final AtomicInteger permissions = new AtomicInteger();
    final AtomicInteger channels = new AtomicInteger();
    private volatile IntSupplier allocations = () -> 0;

    void allocationCount(IntSupplier allocations) {
        this.allocations = allocations;
    }

    public void relayed(int bytes) {
        packetsRelayed.increment();
        bytesRelayed.add(bytes);
    }

    public void dropped() {
        packetsDropped.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(allocations.getAsInt(), permissions.get(), channels.get(), packetsRelayed.sum(), bytesRelayed.sum(),
                packetsDropped.sum(), authFailures.sum());
    }

    /** The counters at one moment. */
    public record Snapshot(int allocations, int permissions, int channels, long packetsRelayed, long bytesRelayed,
                           long packetsDropped, long authFailures) {
    }
}
