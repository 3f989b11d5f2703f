package org.wildrtc.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A transport with the tests' default configuration on a free loopback port for each test, closed
 * with its threads after it: {@code @RegisterExtension final LoopbackTransport loopback = new LoopbackTransport();}
 */
final class LoopbackTransport implements BeforeEachCallback, AfterEachCallback {
    private ExecutorService threads;
    private TurnTransport transport;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = TestTransports.start(TestTransports::config, threads);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        transport.close();
        threads.shutdownNow();
    }

    TurnTransport transport() {
        return transport;
    }

    /** The address of the UDP and TCP listeners. */
    InetSocketAddress server() {
        return transport.udpAddresses().get(0);
    }
}
