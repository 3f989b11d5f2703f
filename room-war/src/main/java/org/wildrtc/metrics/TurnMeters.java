package org.wildrtc.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.wildrtc.jca.api.TurnStatistics;

/**
 * The STUN/TURN server's statistics as meters: one series per key of TurnStatistics' fixed sets
 * (transports, directions, error codes, failure reasons), so no username or address ever becomes a
 * label. Every meter reads the latest snapshot; when the connector cannot be asked (it failed to
 * start), the snapshot is null and the meters read NaN.
 */
final class TurnMeters {
    private TurnMeters() {
    }

    /** @param snapshot held weakly by the meters: the caller keeps it referenced while they live */
    static void register(ApplicationMeters meters, Supplier<TurnStatistics> snapshot) {
        byKey(meters, "wildrtc.turn.allocations", "transport", TurnStatistics.TRANSPORTS, snapshot,
                TurnStatistics::allocations, true);
        gauge(meters, "wildrtc.turn.permissions", snapshot, TurnStatistics::permissions);
        gauge(meters, "wildrtc.turn.channels", snapshot, TurnStatistics::channels);
        gauge(meters, "wildrtc.turn.tcp.connections", snapshot, TurnStatistics::tcpConnections);
        byKey(meters, "wildrtc.turn.relayed.packets", "direction", TurnStatistics.DIRECTIONS, snapshot,
                TurnStatistics::relayedPackets, false);
        byKey(meters, "wildrtc.turn.relayed.bytes", "direction", TurnStatistics.DIRECTIONS, snapshot,
                TurnStatistics::relayedBytes, false);
        counter(meters, "wildrtc.turn.binding.requests", snapshot, TurnStatistics::bindingRequests);
        byKey(meters, "wildrtc.turn.errors", "code", TurnStatistics.ERROR_CODES, snapshot,
                TurnStatistics::errors, false);
        byKey(meters, "wildrtc.turn.auth.failures", "reason", TurnStatistics.AUTH_FAILURE_REASONS, snapshot,
                TurnStatistics::authFailures, false);
        counter(meters, "wildrtc.turn.peers.denied", snapshot, TurnStatistics::peersDenied);
    }

    private static void gauge(ApplicationMeters meters, String name, Supplier<TurnStatistics> snapshot,
                              Function<TurnStatistics, Number> value) {
        meters.gauge(name, Tags.empty(), snapshot, s -> read(s.get(), value));
    }

    private static void counter(ApplicationMeters meters, String name, Supplier<TurnStatistics> snapshot,
                                Function<TurnStatistics, Number> value) {
        meters.functionCounter(name, Tags.empty(), snapshot, s -> read(s.get(), value));
    }

    /** One series per key of a fixed set; a key the map lacks reads 0. */
    private static void byKey(ApplicationMeters meters, String name, String label, List<String> keys,
                              Supplier<TurnStatistics> snapshot,
                              Function<TurnStatistics, Map<String, ? extends Number>> map, boolean gauge) {
        for (String key : keys) {
            Function<TurnStatistics, Number> value = s -> {
                Number count = map.apply(s).get(key);
                return count == null ? 0 : count;
            };
            Tags tags = Tags.of(label, key);
            if (gauge) {
                meters.gauge(name, tags, snapshot, s -> read(s.get(), value));
            } else {
                meters.functionCounter(name, tags, snapshot, s -> read(s.get(), value));
            }
        }
    }

    private static double read(TurnStatistics statistics, Function<TurnStatistics, Number> value) {
        return statistics == null ? Double.NaN : value.apply(statistics).doubleValue();
    }
}
