package org.wildrtc.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.wildrtc.room.RoomService;

/**
 * Counts rooms and members in the database every few seconds for the gauges, so a scrape never
 * queries the database and many scrapes cost one count. An EJB timer as RoomJanitor's: each count
 * schedules the next when it ends.
 */
@Singleton
@Startup
// The count runs in RoomService's own transaction.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoomCensus {
    private static final Logger LOG = Logger.getLogger(RoomCensus.class);
    private static final long INTERVAL_MILLIS = 5000;

    @Inject
    RoomService rooms;

    @Inject
    WildRtcMeters meters;

    @Resource
    TimerService timers;

    @PostConstruct
    void afterStart() {
        scheduleNext();
    }

    @Timeout
    void count() {
        try {
            meters.roomCounts(rooms.counts());
        } catch (RuntimeException e) {
            // Unknown rather than stale: the gauges read NaN until a count succeeds.
            meters.roomCounts(null);
            meters.databaseError();
            LOG.debugf("Could not count rooms for the metrics: %s", e.toString());
        } finally {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        try {
            timers.createSingleActionTimer(INTERVAL_MILLIS, new TimerConfig("room census", false));
        } catch (IllegalStateException e) {
            LOG.debugf("No further counts: the application is stopping (%s)", e.getMessage());
        }
    }
}
