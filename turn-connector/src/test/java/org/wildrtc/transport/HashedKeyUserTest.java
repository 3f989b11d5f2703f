package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.wildrtc.turn.StaticUsers;
import org.wildrtc.turn.TurnConfig;
import org.wildrtc.turn.TurnTestClient;

/** A static user stored as coturn's hashed key (wildrtc.turn.users=name:0xKEY) allocates on real sockets. */
class HashedKeyUserTest {
    /** {@code turnadmin -k -u carol -r test -p secret}: MD5("carol:test:secret"), for the test realm. */
    private static final String CAROL = "carol:0xf820fb4d358113d61811b4f43899e4bb";

    private ExecutorService threads;
    private TurnTransport transport;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = TestTransports.start(listener -> {
            TransportConfig plain = TestTransports.config(listener);
            TurnConfig turn = plain.turn();
            return TestTransports.with(plain, plain.external(), new TurnConfig(turn.realm(),
                    List.of(StaticUsers.parse(CAROL)), turn.peerPolicy(), turn.quotas(), turn.software(),
                    turn.nonceLifetimeSeconds(), turn.authLimits(), null, false));
        }, threads);
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
    }

    @Test
    void theUserAuthenticatesWithThePasswordTheKeyWasMadeFrom() throws Exception {
        InetSocketAddress server = transport.udpAddresses().get(0);
        try (TurnTestClient client = new TurnTestClient(server, "carol", "secret")) {
            assertTrue(client.allocate().getPort() >= TestTransports.MIN_RELAY_PORT);
        }
        try (TurnTestClient client = new TurnTestClient(server, "carol", "0xf820fb4d358113d61811b4f43899e4bb")) {
            IOException refused = assertThrows(IOException.class, client::allocate);
            assertTrue(refused.getMessage().contains("401"), refused.getMessage());
        }
        assertEquals(1, transport.stats().snapshot().authFailureCount());
    }
}
