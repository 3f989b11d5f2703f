package org.wildrtc.turn;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);
    private volatile IntSupplier allocations = () -> 0;

    public TurnStats() {
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, new LongAdder());
        }
    }

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

    /** Counts one thing a limit turned away. */
    public void refused(Refusal refusal) {
        refusals.get(refusal).increment();
    }

    public Snapshot snapshot() {
        Map<String, Long> refused = new LinkedHashMap<>();
        refusals.forEach((refusal, count) -> refused.put(refusal.key(), count.sum()));
        return new Snapshot(allocations.getAsInt(), permissions.get(), channels.get(), packetsRelayed.sum(),
                bytesRelayed.sum(), packetsDropped.sum(), authFailures.sum(), Map.copyOf(refused));
    }

    /**
     * The counters at one moment.
     *
     * @param refused what each limit turned away, by {@link Refusal#key()}
     */
    public record Snapshot(int allocations, int permissions, int channels, long packetsRelayed, long bytesRelayed,
                           long packetsDropped, long authFailures, Map<String, Long> refused) {
    }
}
