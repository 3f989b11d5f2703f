package org.wildrtc.ice;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.TreeMap;
import jakarta.resource.ResourceException;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;
import org.wildrtc.jca.api.TurnStatistics;
import org.wildrtc.json.JsonBuilders;

/** The STUN/TURN server's live counters, for the status endpoint. Counts only: no user or address. */
@ApplicationScoped
public class RelayStatistics {
    @Resource(lookup = IceServers.JNDI_NAME)
    TurnConnectionFactory turn;

    public JsonObject toJson() throws ResourceException {
        TurnStatistics stats;
        try (TurnConnection connection = turn.getConnection()) {
            stats = connection.statistics();
        }
        return JsonBuilders.object()
                .add("allocations", stats.allocationCount())
                .add("permissions", stats.permissions())
                .add("channels", stats.channels())
                .add("packets_relayed", sum(stats.relayedPackets()))
                .add("bytes_relayed", sum(stats.relayedBytes()))
                .add("packets_dropped", stats.packetsDropped())
                .add("auth_failures", sum(stats.authFailures()))
                .add("refused", refused(stats.refused()))
                .build();
    }

    /** Every direction or reason together: the status shows totals, the metrics the breakdown. */
    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each limit's count under its fixed name, sorted so the output reads the same every time. */
    private static JsonObject refused(Map<String, Long> counts) {
        JsonObjectBuilder refused = JsonBuilders.object();
        new TreeMap<>(counts).forEach((name, count) -> refused.add(name, count.longValue()));
        return refused.build();
    }
}
