package org.wildrtc.signaling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.wildrtc.config.RoomSettings;
import org.wildrtc.metrics.DatabaseFailure;
import org.wildrtc.metrics.WildRtcMeters;
import org.wildrtc.room.ExpiredMember;
import org.wildrtc.room.MemberDeadline;
import org.wildrtc.room.RoomService;

/**
 * Removes members whose sockets did not come back within the grace period (or never came within
 * the register window), as Collider drops clients whose socket stayed closed. An EJB timer, so it
 * pauses while the server is suspended or shutting down; each sweep schedules the next one when it
 * ends, so a slow sweep on a busy machine never overlaps the next. The next sweep is when the
 * earliest expiry falls due ({@link SweepSchedule}): RoomService tells of each expiry it sets, once
 * it commits, so an idle server does not read the database every second.
 */
@Singleton
@Startup
// Each room change runs in its own transaction, under its room's lock (RoomChannels).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Joins tell of their expiries concurrently; the little state here is guarded by this object.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RoomJanitor {
    private static final Logger LOG = Logger.getLogger(RoomJanitor.class);

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

    /** The timer of the next sweep; null while a sweep runs. Its info is {@link #serial}. */
    private Timer next;
    private long serial;
    private Instant nextAt;
    private Instant lastSweep = Instant.now();
    /** Expiries told of while a sweep runs: the database it read may not hold them yet. */
    private Instant toldDuringSweep;

    @PostConstruct
    void afterStart() {
        int waiting = rooms.detachAfterRestart(channels.localNode(), settings.grace());
        if (waiting > 0) {
            LOG.infof("%d room member(s) from before the restart have %d s to reconnect", waiting,
                    settings.grace().toSeconds());
        }
        synchronized (this) {
            schedule(SweepSchedule.next(lastSweep, Instant.now()));
        }
    }

    /** An expiry was set and committed: sweep by then, if that is before the next sweep. */
    public void expirySet(@Observes(during = TransactionPhase.AFTER_SUCCESS) MemberDeadline deadline) {
        Timer replaced;
        synchronized (this) {
            if (next == null) {
                toldDuringSweep = SweepSchedule.earlier(toldDuringSweep, deadline.at());
                return;
            }
            Instant at = SweepSchedule.next(lastSweep, deadline.at());
            if (!at.isBefore(nextAt)) {
                return;
            }
            replaced = next;
            schedule(at);
        }
        // Outside the lock: a timer firing now holds its own lock while its sweep waits for this one.
        cancel(replaced);
    }

    @Timeout
    void sweep(Timer fired) {
        synchronized (this) {
            // A timer cancelled as it fell due may still fire: only the current one sweeps.
            if (!isCurrent(fired)) {
                return;
            }
            next = null;
            toldDuringSweep = null;
            lastSweep = Instant.now();
        }
        Instant earliest = null;
        try {
            rooms.expired().forEach(this::remove);
            earliest = rooms.earliestExpiry();
        } catch (RuntimeException e) {
            // The next sweep tries again; a database hiccup must not end the sweeps.
            LOG.warnf("Could not list expired room members: %s", e.toString());
            if (DatabaseFailure.causedBy(e)) {
                meters.databaseError();
            }
            earliest = lastSweep;
        } finally {
            synchronized (this) {
                schedule(SweepSchedule.next(lastSweep, SweepSchedule.earlier(earliest, toldDuringSweep)));
            }
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

    private void schedule(Instant at) {
        try {
            next = timers.createSingleActionTimer(Math.max(0, Duration.between(Instant.now(), at).toMillis()),
                    new TimerConfig(++serial, false));
            nextAt = at;
        } catch (IllegalStateException e) {
            LOG.debugf("No further sweeps: the application is stopping (%s)", e.getMessage());
        }
    }

    private boolean isCurrent(Timer fired) {
        try {
            return next != null && Long.valueOf(serial).equals(fired.getInfo());
        } catch (IllegalStateException | NoSuchObjectLocalException cancelled) {
            return false;
        }
    }

    private static void cancel(Timer replaced) {
        try {
            replaced.cancel();
        } catch (IllegalStateException | NoSuchObjectLocalException e) {
            // It fell due meanwhile: its sweep finds it is no longer the current timer and ends.
            LOG.tracef("The replaced sweep's timer had already fired: %s", e.getMessage());
        }
    }
}
