package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.turn.TurnTestClient;

/** A revoke from an admin's thread closes a user's allocations on their event loops. */
class RevokeTest {
    private ExecutorService threads;
    private TurnTransport transport;
    private InetSocketAddress server;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = TestTransports.start(TestTransports::config, threads);
        server = transport.udpAddresses().get(0);
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
    }

    @Test
    void closesEveryAllocationOfTheUserAndRefusesNewOnes() throws Exception {
        try (TurnTestClient udp = new TurnTestClient(server, "alice", "secret");
             TurnTestClient tcp = TurnTestClient.overTcp(server, "alice", "secret")) {
            udp.allocate();
            tcp.allocate();
            assertEquals(2, transport.shared().revoke("alice", System.currentTimeMillis() / 1000));
            assertEquals(0, transport.stats().snapshot().allocationCount(), "closed before revoke returned");
            assertEquals(0, transport.shared().allocations().page(0, 10, System.nanoTime()).total());
            assertEquals(403, udp.refresh(600));
            IOException refused = assertThrows(IOException.class, tcp::allocate);
            assertEquals("Allocate failed with 403", refused.getMessage());
        }
    }
}
