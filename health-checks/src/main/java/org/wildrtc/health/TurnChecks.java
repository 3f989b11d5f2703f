package org.wildrtc.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.wildrtc.jca.api.TurnHealth;

/** What the STUN/TURN server's health means for readiness and liveness. */
final class TurnChecks {
    static final String READINESS = "wildrtc-turn";
    static final String LIVENESS = "wildrtc-turn-event-loops";

    private TurnChecks() {
    }

    /** Ready to take new clients: every listener bound, and not draining. */
    static HealthCheckResponse readiness(TurnHealth health) {
        if (!health.listening()) {
            return Checks.down(READINESS, "the STUN/TURN listeners are not all bound" + detail(health));
        }
        if (health.draining()) {
            return Checks.down(READINESS, "the node is draining: new allocations are refused, existing ones go on");
        }
        return Checks.up(READINESS, "the STUN/TURN listeners are bound and the node takes new allocations");
    }

    /** Alive while every event loop keeps running its timer: a wedged one answers none of its clients. */
    static HealthCheckResponse liveness(TurnHealth health) {
        if (!health.eventLoopsResponsive()) {
            return Checks.down(LIVENESS, "a STUN/TURN event loop has stopped responding" + detail(health));
        }
        return Checks.up(LIVENESS, "every STUN/TURN event loop responds");
    }

    /** Not ready when the connector cannot say (it failed to start, or cannot report health). */
    static HealthCheckResponse readinessUnknown(Exception failure) {
        return Checks.down(READINESS, "the STUN/TURN connector cannot be asked: " + failure);
    }

    /**
     * Alive when the connector cannot say: a restart is no cure for a connector that failed to start
     * (readiness reports it), and liveness goes DOWN only for what a restart cures.
     */
    static HealthCheckResponse livenessUnknown(Exception failure) {
        return Checks.up(LIVENESS, "the STUN/TURN connector cannot be asked (readiness reports it): " + failure);
    }

    private static String detail(TurnHealth health) {
        return health.detail() == null || health.detail().isEmpty() ? "" : ": " + health.detail();
    }
}
