package org.wildrtc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.jca.api.AllocationInfo;
import org.wildrtc.jca.api.AllocationPage;
import org.wildrtc.jca.api.TurnCredential;
import org.wildrtc.jca.api.TurnHealth;
import org.wildrtc.transport.TransportBindException;
import org.wildrtc.transport.TurnTransport;
import org.wildrtc.turn.TurnTestClient;

/** What the connection handles ask of the running server, from a caller's thread, on loopback sockets. */
class RunningServerOperationsTest {
    private ExecutorService threads;
    private TurnTransport transport;
    private RunningServer server;
    private InetSocketAddress listener;

    @BeforeEach
    void start() throws Exception {
        TurnResourceAdapter settings = new TurnResourceAdapter();
        settings.setPort(0);
        settings.setTlsPort(0);
        settings.setMinPort(41000);
        settings.setMaxPort(41999);
        settings.setAllowedPeers("127.0.0.1/32");
        settings.setAuthSecret("first");
        settings.setEventLoops(2);
        RunningServer.Plan plan = RunningServer.plan(settings);
        threads = Executors.newCachedThreadPool();
        // Port 0: the UDP port the kernel picks may be taken for TCP, which the listener needs too.
        for (int attempt = 1; transport == null; attempt++) {
            try {
                transport = TurnTransport.start(plan.transport(), threads);
            } catch (TransportBindException taken) {
                if (attempt == 5) {
                    throw taken;
                }
            }
        }
        server = RunningServer.of(plan, transport);
        listener = transport.udpAddresses().get(0);
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
    }

    @Test
    void healthSaysWhenTheServerDrains() {
        assertEquals(new TurnHealth(true, true, false, ""), server.health());
        server.drain(true);
        assertTrue(server.draining());
        TurnHealth draining = server.health();
        assertTrue(draining.draining());
        assertTrue(draining.detail().startsWith("Draining"), draining.detail());
        server.drain(false);
        assertEquals(new TurnHealth(true, true, false, ""), server.health());
    }

    @Test
    void listsRevokesAndRotatesSecrets() throws Exception {
        TurnCredential old = server.mint("carol", 600);
        try (TurnTestClient carol = new TurnTestClient(listener, old.username(), old.password())) {
            InetSocketAddress relayed = carol.allocate();
            AllocationPage page = server.allocations(0, 10);
            assertEquals(1, page.total());
            AllocationInfo info = page.allocations().get(0);
            assertEquals(old.username(), info.username());
            assertEquals("udp", info.transport());
            assertEquals("127.0.0.1:" + relayed.getPort(), info.relayAddress());
            assertEquals(1, server.statistics().allocations().get("udp"));

            server.authSecrets(List.of("second", "first"));
            assertEquals(2, server.authSecretCount());
            assertEquals(0, carol.refresh(600), "a credential of a listed secret verifies");
            assertThrows(IllegalArgumentException.class, () -> server.authSecrets(List.of()));

            assertEquals(1, server.revoke(old.username()));
            assertEquals(0, server.allocations(0, 10).total());
            assertEquals(403, carol.refresh(600));
            assertEquals(1, server.statistics().authFailures().get("revoked"));
        }
        TurnCredential fresh = server.mint("dave", 600);
        try (TurnTestClient dave = new TurnTestClient(listener, fresh.username(), fresh.password())) {
            dave.allocate();
        }
        server.authSecrets(List.of("third"));
        try (TurnTestClient stale = new TurnTestClient(listener, fresh.username(), fresh.password())) {
            IOException refused = assertThrows(IOException.class, stale::allocate);
            assertEquals("Allocate failed with 401", refused.getMessage(), "its secret is no longer listed");
        }
        assertFalse(server.statistics().errors().isEmpty());
    }
}
