package org.wildrtc.health;

import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Check results with their reason in words, under {@code reason} in the check's data. */
final class Checks {
    private Checks() {
    }

    static HealthCheckResponse up(String name, String reason) {
        return new HealthCheckResponse(name, HealthCheckResponse.Status.UP, Optional.of(Map.of("reason", reason)));
    }

    static HealthCheckResponse down(String name, String reason) {
        return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("reason", reason)));
    }
}
