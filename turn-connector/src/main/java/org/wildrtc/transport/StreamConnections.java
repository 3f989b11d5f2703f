package org.wildrtc.transport;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.wildrtc.turn.Refusal;
import org.wildrtc.turn.TurnStats;

/**
 * Counts the TCP and TLS client connections, in total and per source address, so neither grows past
 * its cap: each holds a descriptor, buffers and a server of its own. Shared by all event loops.
 */
final class StreamConnections {
    private static final Logger LOG = Logger.getLogger(StreamConnections.class);

    private final TransportConfig.StreamLimits limits;
    private final TurnStats stats;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perSource = new ConcurrentHashMap<>();

    StreamConnections(TransportConfig.StreamLimits limits, TurnStats stats) {
        this.limits = limits;
        this.stats = stats;
    }

    /** Counts a new connection until it closes; closes it at once (false) when it is over a cap. */
    boolean admit(Channel connection) {
        InetAddress source = ((InetSocketAddress) connection.remoteAddress()).getAddress();
        Refusal refusal = take(source);
        if (refusal != null) {
            LOG.debugf("Closing a TURN connection from %s: %s", source, refusal.key());
            stats.refused(refusal);
            connection.close();
            return false;
        }
        connection.closeFuture().addListener(closed -> give(source));
        return true;
    }

    private Refusal take(InetAddress source) {
        if (total.incrementAndGet() > limits.maxConnections()) {
            total.decrementAndGet();
            return Refusal.CONNECTIONS_TOTAL;
        }
        if (perSource.merge(source, 1, Integer::sum) > limits.maxConnectionsPerSource()) {
            give(source);
            return Refusal.CONNECTIONS_PER_SOURCE;
        }
        return null;
    }

    private void give(InetAddress source) {
        perSource.computeIfPresent(source, (address, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }
}
