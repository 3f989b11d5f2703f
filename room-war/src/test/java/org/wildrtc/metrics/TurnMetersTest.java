package org.wildrtc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wildrtc.jca.api.TurnStatistics;

class TurnMetersTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ApplicationMeters meters = new ApplicationMeters(registry);
    private final AtomicReference<TurnStatistics> current = new AtomicReference<>(statistics(3));
    /** Held here: Micrometer holds a gauge's state weakly, and a GC would make a fresh method reference read NaN. */
    private final Supplier<TurnStatistics> snapshot = current::get;

    @Test
    void everyKeyOfEveryFixedSetIsOneSeriesAndNothingElseIs() {
        TurnMeters.register(meters, snapshot);

        assertEquals(Set.copyOf(TurnStatistics.TRANSPORTS), labels("wildrtc.turn.allocations", "transport"));
        assertEquals(Set.copyOf(TurnStatistics.DIRECTIONS), labels("wildrtc.turn.relayed.packets", "direction"));
        assertEquals(Set.copyOf(TurnStatistics.DIRECTIONS), labels("wildrtc.turn.relayed.bytes", "direction"));
        assertEquals(Set.copyOf(TurnStatistics.ERROR_CODES), labels("wildrtc.turn.errors", "code"));
        assertEquals(Set.copyOf(TurnStatistics.AUTH_FAILURE_REASONS), labels("wildrtc.turn.auth.failures", "reason"));
        int series = TurnStatistics.TRANSPORTS.size() + 3 + 2 * TurnStatistics.DIRECTIONS.size() + 1
                + TurnStatistics.ERROR_CODES.size() + TurnStatistics.AUTH_FAILURE_REASONS.size() + 1;
        assertEquals(series, registry.getMeters().size());
    }

    @Test
    void theMetersReadTheLatestSnapshot() {
        TurnMeters.register(meters, snapshot);
        current.set(statistics(7));

        assertEquals(7, registry.get("wildrtc.turn.allocations").tag("transport", "tcp").gauge().value());
        assertEquals(8, registry.get("wildrtc.turn.permissions").gauge().value());
        assertEquals(9, registry.get("wildrtc.turn.channels").gauge().value());
        assertEquals(10, registry.get("wildrtc.turn.tcp.connections").gauge().value());
        assertEquals(70, registry.get("wildrtc.turn.relayed.packets").tag("direction", "to_client").functionCounter().count());
        assertEquals(700, registry.get("wildrtc.turn.relayed.bytes").tag("direction", "to_peer").functionCounter().count());
        assertEquals(11, registry.get("wildrtc.turn.binding.requests").functionCounter().count());
        assertEquals(7, registry.get("wildrtc.turn.errors").tag("code", "401").functionCounter().count());
        assertEquals(7, registry.get("wildrtc.turn.auth.failures").tag("reason", "bad_integrity").functionCounter().count());
        assertEquals(12, registry.get("wildrtc.turn.peers.denied").functionCounter().count());
    }

    @Test
    void aKeyTheConnectorLeftOutReadsZero() {
        TurnMeters.register(meters, snapshot);
        current.set(new TurnStatistics(Map.of("udp", 1), 0, 0, 0, Map.of(), Map.of(), 0, Map.of(), Map.of(), 0, 0, Map.of()));

        assertEquals(0, registry.get("wildrtc.turn.allocations").tag("transport", "tls").gauge().value());
        assertEquals(0, registry.get("wildrtc.turn.errors").tag("code", "508").functionCounter().count());
    }

    @Test
    void withoutASnapshotTheMetersReadNaN() {
        TurnMeters.register(meters, snapshot);
        current.set(null);

        assertTrue(Double.isNaN(registry.get("wildrtc.turn.permissions").gauge().value()));
        assertTrue(Double.isNaN(registry.get("wildrtc.turn.peers.denied").functionCounter().count()));
    }

    @Test
    void removeAllRemovesEverySeries() {
        TurnMeters.register(meters, snapshot);
        meters.removeAll();
        assertEquals(List.of(), registry.getMeters());
    }

    private Set<String> labels(String name, String label) {
        return registry.find(name).meters().stream().map(Meter::getId).map(id -> id.getTag(label))
                .collect(Collectors.toSet());
    }

    /** Every count a multiple of {@code n}, so each meter shows which field it reads. */
    private static TurnStatistics statistics(int n) {
        return new TurnStatistics(each(TurnStatistics.TRANSPORTS, n), n + 1, n + 2, n + 3,
                eachLong(TurnStatistics.DIRECTIONS, 10L * n), eachLong(TurnStatistics.DIRECTIONS, 100L * n), n + 4,
                eachLong(TurnStatistics.ERROR_CODES, n), eachLong(TurnStatistics.AUTH_FAILURE_REASONS, n), n + 5, 0,
                Map.of());
    }

    private static Map<String, Integer> each(List<String> keys, int value) {
        Map<String, Integer> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key, value));
        return map;
    }

    private static Map<String, Long> eachLong(List<String> keys, long value) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key, value));
        return map;
    }
}
