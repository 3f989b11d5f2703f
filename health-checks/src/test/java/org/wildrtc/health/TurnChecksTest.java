package org.wildrtc.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import org.wildrtc.jca.api.TurnHealth;

class TurnChecksTest {
    private static final TurnHealth WELL = new TurnHealth(true, true, false, "");

    @Test
    void aServingNodeIsReadyAndAlive() {
        assertEquals(Status.UP, TurnChecks.readiness(WELL).getStatus());
        assertEquals(Status.UP, TurnChecks.liveness(WELL).getStatus());
    }

    @Test
    void unboundListenersMakeTheNodeNotReadyAndSayWhy() {
        HealthCheckResponse response = TurnChecks.readiness(new TurnHealth(false, true, false, "UDP 3478 is not bound"));
        assertEquals(Status.DOWN, response.getStatus());
        assertTrue(reason(response).contains("UDP 3478 is not bound"), reason(response));
    }

    @Test
    void aDrainingNodeIsNotReadyButAlive() {
        TurnHealth draining = new TurnHealth(true, true, true, "");
        assertEquals(Status.DOWN, TurnChecks.readiness(draining).getStatus());
        assertTrue(reason(TurnChecks.readiness(draining)).contains("draining"));
        assertEquals(Status.UP, TurnChecks.liveness(draining).getStatus());
    }

    @Test
    void aWedgedEventLoopMakesTheNodeNotAlive() {
        HealthCheckResponse response = TurnChecks.liveness(new TurnHealth(true, false, false, "event loop 2 silent for 9 s"));
        assertEquals(Status.DOWN, response.getStatus());
        assertTrue(reason(response).contains("event loop 2 silent for 9 s"));
    }

    @Test
    void aConnectorThatCannotBeAskedIsNotReadyButNotRestarted() {
        ResourceException failure = new ResourceException("the WildRTC STUN/TURN server is not running");
        assertEquals(Status.DOWN, TurnChecks.readinessUnknown(failure).getStatus());
        assertTrue(reason(TurnChecks.readinessUnknown(failure)).contains("not running"));
        assertEquals(Status.UP, TurnChecks.livenessUnknown(failure).getStatus());
    }

    private static String reason(HealthCheckResponse response) {
        return (String) response.getData().orElseThrow().get("reason");
    }
}
