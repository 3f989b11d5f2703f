package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What health checks read from the transport: open listeners, and event loops that still beat. */
class TransportHealthTest {
    private ExecutorService threads;
    private TurnTransport transport;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = TestTransports.start(TestTransports::config, threads);
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        threads.shutdownNow();
    }

    @Test
    void aStartedTransportHasItsListenersOpenAndItsLoopsBeating() {
        assertEquals(List.of(), transport.closedListeners());
        assertEquals(0, transport.wedgedEventLoops());
    }

    @Test
    void closedListenersAreNamed() {
        TurnTransport closedTransport = transport;
        transport = null;
        closedTransport.close();
        List<String> closed = closedTransport.closedListeners();
        assertTrue(closed.stream().anyMatch(listener -> listener.startsWith("udp ")), closed.toString());
        assertTrue(closed.stream().anyMatch(listener -> listener.startsWith("tcp ")), closed.toString());
    }
}
