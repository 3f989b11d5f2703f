package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wildrtc.turn.TurnTestClient;

/** A revoke from an admin's thread closes a user's allocations on their event loops. */
class RevokeTest {
    @RegisterExtension
    final LoopbackTransport loopback = new LoopbackTransport();

    @Test
    void closesEveryAllocationOfTheUserAndRefusesNewOnes() throws Exception {
        try (TurnTestClient udp = new TurnTestClient(loopback.server(), "alice", "secret");
             TurnTestClient tcp = TurnTestClient.overTcp(loopback.server(), "alice", "secret")) {
            udp.allocate();
            tcp.allocate();
            assertEquals(2, loopback.transport().shared().revoke("alice", System.currentTimeMillis() / 1000));
            assertEquals(0, loopback.transport().stats().snapshot().allocationCount(), "closed before revoke returned");
            assertEquals(0, loopback.transport().shared().allocations().page(0, 10, System.nanoTime()).total());
            assertEquals(403, udp.refresh(600));
            IOException refused = assertThrows(IOException.class, tcp::allocate);
            assertEquals("Allocate failed with 403", refused.getMessage());
        }
    }
}
