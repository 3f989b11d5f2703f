package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.turn.TurnStats;
import org.wildrtc.turn.TurnTestClient;

/** The live counters move as traffic crosses real loopback sockets, and the gauges fall back to zero. */
class TurnStatisticsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;
    private ExecutorService threads;
    private TurnTransport transport;
    private InetSocketAddress server;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        Path keystore = dir.resolve("turn.p12");
        TestTransports.keyStore(keystore, "CN=stats", PASSWORD);
        transport = TestTransports.start(any -> TestTransports.withTls(TestTransports.config(any), keystore, PASSWORD),
                threads);
        server = transport.udpAddresses().get(0);
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
    }

    @Test
    void allocationsPermissionsAndChannelsAreLiveGaugesByTransport() throws Exception {
        try (TurnTestClient udp = new TurnTestClient(server, "alice", "secret");
             TurnTestClient tcp = TurnTestClient.overTcp(server, "alice", "secret");
             TurnTestClient tls = TurnTestClient.overTls(transport.tlsAddress().orElseThrow(), "alice", "secret");
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp.allocateWithChannel(0x4000, (InetSocketAddress) peer.getLocalSocketAddress());
            tcp.allocate();
            tls.allocate();
            awaitStats(s -> s.allocations().get("udp") == 1 && s.allocations().get("tcp") == 1
                    && s.allocations().get("tls") == 1, "one allocation of each transport");
            assertEquals(1, transport.stats().snapshot().permissions(), "ChannelBind installs a permission");
            assertEquals(1, transport.stats().snapshot().channels());
            assertEquals(0, tcp.createPermission(new InetSocketAddress("127.0.0.1", 9)));
            awaitStats(s -> s.permissions() == 2, "a permission more");

            assertEquals(0, udp.refresh(0));
            awaitStats(s -> s.allocations().get("udp") == 0 && s.channels() == 0 && s.permissions() == 1,
                    "the UDP allocation, its channel and permission are gone at once");
        }
        awaitStats(s -> s.allocationCount() == 0 && s.permissions() == 0,
                "the TCP and TLS allocations end with their connections");
    }

    @Test
    void relayedDataIsCountedByDirection() throws Exception {
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret");
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            client.timeout(5000);
            InetSocketAddress relayed = client.allocateWithChannel(0x4000,
                    (InetSocketAddress) peer.getLocalSocketAddress());
            client.assertRelaysBothWays(0x4000, relayed, peer, "twelve bytes");
            client.sendIndication((InetSocketAddress) peer.getLocalSocketAddress(), "four".getBytes());
            peer.receive(new DatagramPacket(new byte[2048], 2048));
            awaitStats(s -> s.relayedPackets().get(TurnStats.TO_PEER) == 2
                    && s.relayedBytes().get(TurnStats.TO_PEER) == 16
                    && s.relayedPackets().get(TurnStats.TO_CLIENT) == 1
                    && s.relayedBytes().get(TurnStats.TO_CLIENT) == 12, "two packets out, one back");
        }
    }

    @Test
    void rfc6062PeerConnectionsAreAGauge() throws Exception {
        try (TurnTestClient control = TurnTestClient.overTcp(server, "alice", "secret");
             ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            control.allocateTcp();
            assertEquals(0, control.createPermission((InetSocketAddress) peer.getLocalSocketAddress()));
            control.connect((InetSocketAddress) peer.getLocalSocketAddress());
            Socket accepted = peer.accept();
            awaitStats(s -> s.tcpConnections() == 1, "the connection to the peer, waiting for ConnectionBind");
            accepted.close();
            awaitStats(s -> s.tcpConnections() == 0, "gone when the peer closes it");
        }
    }

    @Test
    void bindingsErrorsAuthFailuresAndDeniedPeersAreCounted() throws Exception {
        try (StunTestClient stun = new StunTestClient(server)) {
            stun.binding();
            stun.binding();
        }
        try (TurnTestClient wrong = new TurnTestClient(server, "alice", "not the password");
             TurnTestClient stranger = new TurnTestClient(server, "mallory", "secret");
             TurnTestClient alice = new TurnTestClient(server, "alice", "secret")) {
            assertThrows(IOException.class, wrong::allocate);
            assertThrows(IOException.class, stranger::allocate);
            alice.allocate();
            assertEquals(403, alice.createPermission(new InetSocketAddress("192.0.2.1", 9)), "not an allowed peer");
        }
        awaitStats(s -> s.bindingRequests() == 2 && s.authFailures().get("bad_integrity") == 1
                && s.authFailures().get("unknown_user") == 1 && s.peersDenied() == 1
                && s.errors().get("403") == 1, "what the requests met");
        TurnStats.Snapshot s = transport.stats().snapshot();
        // Each client was challenged (401) first, then the two failures answered 401 once more.
        assertEquals(5, s.errors().get("401"));
        assertEquals(0, s.errors().get("508"), "every code is present, zero included");
        assertEquals(0, s.authFailures().get("stale_nonce"));
    }

    private void awaitStats(Predicate<TurnStats.Snapshot> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        TurnStats.Snapshot snapshot = transport.stats().snapshot();
        while (!condition.test(snapshot) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            snapshot = transport.stats().snapshot();
        }
        assertTrue(condition.test(snapshot), what + ": " + snapshot);
    }
}
