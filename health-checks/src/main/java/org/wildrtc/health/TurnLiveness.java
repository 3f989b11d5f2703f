package org.wildrtc.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** {@code /health/live}: DOWN when a STUN/TURN event loop is wedged (a restart is the cure). */
@Liveness
@ApplicationScoped
public class TurnLiveness implements HealthCheck {
    @Inject
    TurnHealthSource turn;

    @Override
    public HealthCheckResponse call() {
        try {
            return TurnChecks.liveness(turn.health());
        } catch (Exception e) {
            return TurnChecks.livenessUnknown(e);
        }
    }
}
