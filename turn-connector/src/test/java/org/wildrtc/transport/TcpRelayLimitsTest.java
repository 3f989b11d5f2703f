package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.Refusal;
import org.wildrtc.turn.TurnTestClient;

/**
 * What an RFC 6062 TCP allocation may hold and reach, on real loopback sockets: a relay port of its
 * own, a bounded number of connections waiting and being made, connection ids that only its own
 * client can bind, and pipes within its bandwidth quota and its reader's pace.
 */
class TcpRelayLimitsTest {
    private static final InetSocketAddress OTHER_LOOPBACK = new InetSocketAddress("127.0.0.2", 0);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TurnTransport transport;
    private InetSocketAddress server;

    private void start(long bytesPerSecond, int minRelayPort, int maxRelayPort) throws Exception {
        transport = TestTransports.start(listener -> TestTransports.config(listener,
                new Quotas(100, 50, bytesPerSecond, 3600, 100, 100), TestTransports.STREAMS, minRelayPort, maxRelayPort), threads);
        server = transport.udpAddresses().get(0);
    }

    private void start() throws Exception {
        start(0, TestTransports.MIN_RELAY_PORT, TestTransports.MAX_RELAY_PORT);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        if (transport != null) {
            transport.close();
        }
        threads.shutdownNow();
    }

    /** SO_REUSEPORT let two relays listen on one port, and the kernel spread peers over both. */
    @Test
    void twoTcpAllocationsNeverShareARelayPort() throws Exception {
        int port = freeTcpPort();
        start(0, port, port);
        TurnTestClient first = control();
        assertEquals(port, first.allocateTcp().getPort());
        TurnTestClient second = control();
        IOException refused = assertThrows(IOException.class, second::allocateTcp);
        assertEquals("Allocate failed with 508", refused.getMessage());
        assertEquals(0, first.refresh(0));
        // The first relay's port is freed on its event loop, a moment after the Refresh.
        TestTransports.soon(() -> assertEquals(port, second.allocateTcp().getPort()));
    }

    @Test
    void aTcpRelayPortThisServerListensOnCannotBeListenedOnAgainUntilItCloses() throws Exception {
        boolean epoll = Epoll.isAvailable();
        RelaySockets sockets = new RelaySockets(epoll);
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", freeTcpPort());
        try {
            ServerChannel held = sockets.listen(address);
            loop.register(held).sync();
            assertThrows(IOException.class, () -> sockets.listen(address));
            held.close().sync();
            TestTransports.soon(() -> {
                ServerChannel again = sockets.listen(address);
                loop.register(again).sync();
                again.close().sync();
            });
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * RFC 6062 §5.4: the data connection is new, so it has no allocation to compare. A connection id
     * binds only for the allocation's user, from its client's address, while it lives.
     */
    @Test
    void aConnectionIdBindsOnlyFromItsAllocationsClientWhileTheAllocationLives() throws Exception {
        start();
        TurnTestClient control = control();
        ServerSocket peers = peerListener();
        control.allocateTcp();
        assertEquals(0, control.createPermission((InetSocketAddress) peers.getLocalSocketAddress()));
        long id = control.connect((InetSocketAddress) peers.getLocalSocketAddress());
        TurnTestClient elsewhere = closing(TurnTestClient.overTcpFrom(OTHER_LOOPBACK, server, "alice", "secret"));
        assertEquals(400, ErrorCode.read(elsewhere.request(StunMethod.CONNECTION_BIND,
                w -> w.int32(AttributeType.CONNECTION_ID, (int) id))));
        assertEquals(0, closing(control.dataConnection(server)).connectionBind(id, new byte[0]));

        long later = control.connect(new InetSocketAddress("127.0.0.1", peerListener().getLocalPort()));
        assertEquals(0, control.refresh(0));
        assertEquals(400, closing(control.dataConnection(server)).connectionBind(later, new byte[0]));
    }

    @Test
    void connectionIdsAreRandomAndDistinct() throws Exception {
        start();
        TurnTestClient control = control();
        InetSocketAddress relayed = tcpRelayForLoopbackPeers(control);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            peerConnection(relayed);
            ids.add(connectionAttempt(control));
        }
        assertEquals(10, new HashSet<>(ids).size(), ids.toString());
        for (long a : ids) {
            for (long b : ids) {
                assertTrue(Math.abs(a - b) != 1, "ids " + a + " and " + b + " follow each other: " + ids);
            }
        }
    }

    /** A client that never binds may hold only so many peer connections (each for RFC 6062 §5.3's 30 s). */
    @Test
    void peerConnectionsBeyondTheAllocationsPendingCapAreClosed() throws Exception {
        start();
        TurnTestClient control = control();
        InetSocketAddress relayed = tcpRelayForLoopbackPeers(control);
        List<Socket> peers = new ArrayList<>();
        for (int i = 0; i < TestTransports.STREAMS.maxPendingPeerConnections() + 3; i++) {
            peers.add(peerConnection(relayed));
        }
        for (int i = 0; i < TestTransports.STREAMS.maxPendingPeerConnections(); i++) {
            connectionAttempt(control);
        }
        control.timeout(300);
        assertThrows(SocketTimeoutException.class, control::receive, "more peers were announced than may wait");
        for (Socket refused : peers.subList(TestTransports.STREAMS.maxPendingPeerConnections(), peers.size())) {
            assertEquals(-1, refused.getInputStream().read());
        }
        assertEquals(3, refused(Refusal.PENDING_PEER_CONNECTIONS));
    }

    /** Connects to peers that never answer (their accept queues are full) stay under way; a cap bounds them. */
    @Test
    void connectsBeyondTheAllocationsCapOfAttemptsUnderWayAre508() throws Exception {
        start();
        TurnTestClient control = control();
        tcpRelayForLoopbackPeers(control);
        for (int i = 0; i < TestTransports.STREAMS.maxConnectAttempts(); i++) {
            control.connectLater(silentPeer());
        }
        control.connectLater(silentPeer());
        StunMessage answer = StunDecoder.decode(ByteBuffer.wrap(control.receive()));
        assertEquals(StunMethod.CONNECT, answer.type().method());
        assertEquals(508, ErrorCode.read(answer));
        assertEquals(1, refused(Refusal.CONNECT_ATTEMPTS));
    }

    /** Stream bytes cannot be dropped to keep max-bps: a pipe's reader pauses instead, in both directions. */
    @Test
    void aPipeKeepsToTheAllocationsBandwidthQuotaBothWays() throws Exception {
        start(100_000, TestTransports.MIN_RELAY_PORT, TestTransports.MAX_RELAY_PORT);
        Pipe pipe = pipe();
        byte[] bytes = new byte[300_000];
        // A second of burst, then 100 kB/s; a read (up to 64 KiB) is relayed before its pause: over 1.3 s.
        long clientToPeer = millisToCarry(bytes, pipe.client(), pipe.peer());
        assertTrue(clientToPeer > 1000, clientToPeer + " ms");
        // No burst left: over 2.3 s.
        long peerToClient = millisToCarry(bytes, pipe.peer(), pipe.client());
        assertTrue(peerToClient > 1500, peerToClient + " ms");
    }

    private long millisToCarry(byte[] bytes, Socket from, Socket to) throws Exception {
        long started = System.nanoTime();
        threads.submit(() -> {
            from.getOutputStream().write(bytes);
            return null;
        });
        assertEquals(bytes.length, to.getInputStream().readNBytes(bytes.length).length);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** A client that stops reading its data connection holds back its peer, whose writes then block. */
    @Test
    void aDataConnectionThatIsNotReadStopsItsPeerFromSending() throws Exception {
        start();
        Pipe pipe = pipe();
        AtomicLong written = new AtomicLong();
        byte[] chunk = new byte[16 * 1024];
        threads.submit(() -> {
            for (int i = 0; i < 10_000; i++) {
                pipe.peer().getOutputStream().write(chunk);
                written.addAndGet(chunk.length);
            }
            return null;
        });
        Thread.sleep(2000);
        long stalledAt = written.get();
        Thread.sleep(1000);
        assertEquals(stalledAt, written.get(), "the server kept reading a peer whose client does not read");
        assertFalse(stalledAt == 10_000L * chunk.length, "everything was taken");
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    /** A bound data connection and the peer it carries, through a TCP allocation that connected to it. */
    private record Pipe(Socket client, Socket peer) {
    }

    private Pipe pipe() throws Exception {
        TurnTestClient control = control();
        ServerSocket listener = peerListener();
        control.allocateTcp();
        assertEquals(0, control.createPermission((InetSocketAddress) listener.getLocalSocketAddress()));
        long id = control.connect((InetSocketAddress) listener.getLocalSocketAddress());
        Socket peer = closing(listener.accept());
        TurnTestClient data = closing(control.dataConnection(server));
        assertEquals(0, data.connectionBind(id, new byte[0]));
        data.socket().setSoTimeout(10_000);
        peer.setSoTimeout(10_000);
        return new Pipe(data.socket(), peer);
    }

    /** A TCP allocation of {@code control} that permits peers on 127.0.0.1; returns its relayed address. */
    private static InetSocketAddress tcpRelayForLoopbackPeers(TurnTestClient control) throws Exception {
        InetSocketAddress relayed = control.allocateTcp();
        assertEquals(0, control.createPermission(new InetSocketAddress("127.0.0.1", 9)));
        return relayed;
    }

    private TurnTestClient control() throws IOException {
        return closing(TurnTestClient.overTcp(server, "alice", "secret"));
    }

    private ServerSocket peerListener() throws IOException {
        ServerSocket listener = closing(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
        listener.setSoTimeout(3000);
        return listener;
    }

    /** A peer that never completes a handshake: its accept queue is full, so the kernel drops new SYNs. */
    private InetSocketAddress silentPeer() throws IOException {
        ServerSocket listener = closing(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
        InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
        for (int i = 0; i < 3; i++) {
            SocketChannel filler = closing(SocketChannel.open());
            filler.configureBlocking(false);
            filler.connect(address);
        }
        return address;
    }

    private Socket peerConnection(InetSocketAddress relayed) throws IOException {
        Socket peer = closing(new Socket());
        peer.bind(new InetSocketAddress("127.0.0.1", 0));
        peer.connect(relayed, 3000);
        peer.setSoTimeout(3000);
        return peer;
    }

    private static long connectionAttempt(TurnTestClient control) throws Exception {
        StunMessage attempt = StunDecoder.decode(ByteBuffer.wrap(control.receive()));
        assertEquals(new MessageType(StunMethod.CONNECTION_ATTEMPT, MessageClass.INDICATION), attempt.type());
        return attempt.int32(AttributeType.CONNECTION_ID).orElseThrow();
    }

    private long refused(Refusal refusal) throws InterruptedException {
        // Counted on the event loop, which may not have got to it yet.
        long count = 0;
        for (int attempt = 0; attempt < 50 && count == 0; attempt++) {
            count = transport.stats().snapshot().refused().get(refusal.key());
            Thread.sleep(attempt == 0 ? 0 : 20);
        }
        return count;
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
