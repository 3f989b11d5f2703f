package org.wildrtc.signaling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.metrics.DatabaseFailure;
import org.wildrtc.metrics.WildRtcMeters;
import org.wildrtc.room.ExpiredMember;
import org.wildrtc.room.RoomService;

/**
 * Removes members whose sockets did not come back within the grace period (or never came within
 * the register window), as Collider drops clients whose socket stayed closed. An EJB timer, so it
 * pauses while the server is suspended or shutting down; each sweep schedules the next one when it
 * ends, so a slow sweep on a busy machine never overlaps the next.
 */
@Singleton
@Startup
// Each room change runs in its own transaction, under its room's lock (RoomChannels).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoomJanitor {
    private static final Logger LOG = Logger.getLogger(RoomJanitor.class);
    private static final long SWEEP_MILLIS = 1000;

    @Inject
    RoomService rooms;

    @Inject
    RoomChannels channels;

    @Inject
    RoomSettings settings;

    @Inject
    WildRtcMeters meters;

    @Resource
    TimerService timers;

    @PostConstruct
    void afterStart() {
        int waiting = rooms.detachAfterRestart(channels.localNode(), settings.grace());
        if (waiting > 0) {
            LOG.infof("%d room member(s) from before the restart have %d s to reconnect", waiting,
                    settings.grace().toSeconds());
        }
        scheduleNextSweep();
    }

    @Timeout
    void sweep() {
        try {
            rooms.expired().forEach(this::remove);
        } catch (RuntimeException e) {
            // The next sweep tries again; a database hiccup must not end the sweeps.
            LOG.warnf("Could not list expired room members: %s", e.toString());
            if (DatabaseFailure.causedBy(e)) {
                meters.databaseError();
            }
        } finally {
            scheduleNextSweep();
        }
    }

    /** One member, in its own transaction (RoomChannels): one that fails does not hold up the others. */
    private void remove(ExpiredMember expired) {
        try {
            channels.expire(expired);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove an expired member of room %s; the next sweep tries again: %s",
                    expired.roomId(), e.toString());
        }
    }

    private void scheduleNextSweep() {
        try {
            timers.createSingleActionTimer(SWEEP_MILLIS, new TimerConfig("room member expiry", false));
        } catch (IllegalStateException e) {
            LOG.debugf("No further sweeps: the application is stopping (%s)", e.getMessage());
        }
    }
}
