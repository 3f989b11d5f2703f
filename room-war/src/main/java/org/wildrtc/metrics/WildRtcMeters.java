package org.wildrtc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.wildrtc.ice.IceServers;
import org.wildrtc.jca.api.TurnConnection;
import org.wildrtc.jca.api.TurnConnectionFactory;
import org.wildrtc.jca.api.TurnStatistics;
import org.wildrtc.room.RoomCounts;
import org.wildrtc.room.RoomMode;
import org.wildrtc.signaling.SignalingRefusal;
import org.wildrtc.signaling.SignalingStats;

/**
 * WildRTC's meters in the server's registry, scraped at {@code /prometheus} on the management
 * interface (wildfly-config/cli/monitoring.cli; docs/operations.md lists them). Registered when the
 * application starts, removed when it stops. Labels come from fixed sets only.
 */
@ApplicationScoped
public class WildRtcMeters {
    private static final Logger LOG = Logger.getLogger(WildRtcMeters.class);
    /** One connector snapshot per scrape, however many meters read it. */
    private static final long TURN_SNAPSHOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    MeterRegistry registry;

    @Inject
    SignalingStats signaling;

    @Resource(lookup = IceServers.JNDI_NAME)
    TurnConnectionFactory turn;

    private ApplicationMeters meters;
    /** Referenced here: the meters hold their state weakly. */
    private CachedSnapshot<TurnStatistics> turnSnapshot;
    private final AtomicReference<RoomCounts> roomCounts = new AtomicReference<>();
    private Timer joins;
    private Counter databaseErrors;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (meters != null) {
            // an EAR's modules each start their application context; the meters are registered once
            return;
        }
        meters = new ApplicationMeters(registry);
        turnSnapshot = new CachedSnapshot<>(this::turnStatistics, TURN_SNAPSHOT_NANOS, System::nanoTime);
        // The snapshot itself, which this bean references: a method reference made here would be
        // referenced by nothing else, and the meters, holding it weakly, would read NaN after a collection.
        TurnMeters.register(meters, turnSnapshot);
        for (RoomMode mode : RoomMode.values()) {
            meters.gauge("wildrtc.rooms", Tags.of("mode", mode.wireName()), roomCounts,
                    counts -> counts.get() == null ? Double.NaN : counts.get().rooms(mode));
        }
        meters.gauge("wildrtc.room.members", Tags.empty(), roomCounts,
                counts -> counts.get() == null ? Double.NaN : counts.get().members());
        meters.gauge("wildrtc.signaling.sockets", Tags.empty(), signaling, SignalingStats::openSockets);
        // What messages became: written to a recipient's socket, queued in the database, or refused
        // by the sender's rate (wildrtc.signaling.rate-per-second).
        meters.functionCounter("wildrtc.signaling.messages", Tags.of("outcome", "delivered"), signaling,
                SignalingStats::deliveredCount);
        meters.functionCounter("wildrtc.signaling.messages", Tags.of("outcome", "queued"), signaling,
                SignalingStats::queuedCount);
        meters.functionCounter("wildrtc.signaling.messages", Tags.of("outcome", "rate_limited"), signaling,
                stats -> stats.refusedCount(SignalingRefusal.MESSAGE_RATE));
        joins = meters.timer("wildrtc.join", Tags.empty());
        databaseErrors = meters.counter("wildrtc.database.errors", Tags.empty());
    }

    @PreDestroy
    void stop() {
        if (meters != null) {
            meters.removeAll();
        }
    }

    /** How long a {@code /join} took, whatever its result. */
    public void joined(Duration took) {
        joins.record(took);
    }

    /** A database operation failed (a request, a sweep, a count). */
    public void databaseError() {
        databaseErrors.increment();
    }

    /** The latest counts of rooms and members; null when they could not be counted. */
    public void roomCounts(RoomCounts counts) {
        roomCounts.set(counts);
    }

    private TurnStatistics turnStatistics() {
        try (TurnConnection connection = turn.getConnection()) {
            return connection.statistics();
        } catch (ResourceException | RuntimeException e) {
            LOG.debugf("No STUN/TURN statistics for the meters: %s", e.toString());
            return null;
        }
    }
}
