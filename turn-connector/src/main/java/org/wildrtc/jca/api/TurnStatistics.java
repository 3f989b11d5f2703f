package org.wildrtc.jca.api;

import java.util.Map;

/**
 * Live counters of the STUN/TURN server.
 *
 * @param refused what each of the server's limits turned away, by a fixed name such as {@code auth_blocked}
 */
public record TurnStatistics(int allocations, int permissions, int channels, long packetsRelayed,
                             long bytesRelayed, long packetsDropped, long authFailures, Map<String, Long> refused) {
    public TurnStatistics {
        refused = Map.copyOf(refused);
    }
}
