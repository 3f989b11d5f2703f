package org.wildrtc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wildrtc.jca.api.TurnStatistics;
import org.wildrtc.turn.TurnStats;

/** The counters carry exactly the fixed key sets the connector's API promises, zero included. */
class StatisticsKeysTest {

    @Test
    void everyMapHasExactlyItsFixedKeys() {
        TurnStats.Snapshot s = new TurnStats().snapshot();
        assertEquals(Set.copyOf(TurnStatistics.TRANSPORTS), s.allocations().keySet());
        assertEquals(Set.copyOf(TurnStatistics.DIRECTIONS), s.relayedPackets().keySet());
        assertEquals(Set.copyOf(TurnStatistics.DIRECTIONS), s.relayedBytes().keySet());
        assertEquals(Set.copyOf(TurnStatistics.ERROR_CODES), s.errors().keySet());
        assertEquals(Set.copyOf(TurnStatistics.AUTH_FAILURE_REASONS), s.authFailures().keySet());
        assertEquals(0, s.errors().values().stream().mapToLong(Long::longValue).sum());
    }
}
