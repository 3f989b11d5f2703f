package org.wildrtc.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: DOWN while the TURN listeners are not bound or the node drains. */
@Readiness
@ApplicationScoped
public class TurnReadiness implements HealthCheck {
    @Inject
    TurnHealthSource turn;

    @Override
    public HealthCheckResponse call() {
        try {
            return TurnChecks.readiness(turn.health());
        } catch (Exception e) {
            return TurnChecks.readinessUnknown(e);
        }
    }
}
