package org.wildrtc.signaling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.wildrtc.config.RoomSettings;

/**
 * Disconnects members that stopped reading: a socket whose frames stay backed up for the stall time
 * ({@code wildrtc.signaling.stall-seconds}, see {@link SendBacklog}) would otherwise pause its
 * senders forever. One check at a time per socket, while it is backed up.
 */
@ApplicationScoped
public class StallWatch {
    private static final Logger LOG = Logger.getLogger(StallWatch.class);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    RoomSettings settings;

    @Inject
    SignalingStats stats;

    private long stallNanos;

    @PostConstruct
    void init() {
        stallNanos = settings.stall().toNanos();
    }

    /** The socket just backed up: it is checked once the stall time has passed. */
    void watch(SignalingSocket socket) {
        checkIn(socket, stallNanos);
    }

    private void checkIn(SignalingSocket socket, long nanos) {
        scheduler.schedule(() -> check(socket), nanos, TimeUnit.NANOSECONDS);
    }

    private void check(SignalingSocket socket) {
        long left = socket.stallCheck(System.nanoTime(), stallNanos);
        if (left == SendBacklog.NOT_BACKED_UP) {
            return;
        }
        if (left > 0) {
            // It drained and backed up again since the check was scheduled.
            checkIn(socket, left);
            return;
        }
        stats.refused(SignalingRefusal.STALLED);
        LOG.debugf("Signaling %s stopped reading for %d s and is disconnected", socket,
                TimeUnit.NANOSECONDS.toSeconds(stallNanos));
        socket.abandon();
    }
}
