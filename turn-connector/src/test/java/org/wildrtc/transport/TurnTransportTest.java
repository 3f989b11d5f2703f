package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.stun.XorAddress;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.TurnTestClient;

/** The UDP listener and relay sockets on real loopback sockets, outside the container. */
class TurnTransportTest {
    private static final byte[] HELLO = "hello peer".getBytes();

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
    void answersABindingRequestWithTheSendersAddress() throws Exception {
        try (StunTestClient client = new StunTestClient(server)) {
            StunMessage answer = client.binding();
            assertEquals(MessageType.BINDING_SUCCESS, answer.type());
            assertEquals(client.localAddress(), XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
        }
    }

    @Test
    void dropsGarbageAndKeepsServing() throws Exception {
        try (StunTestClient client = new StunTestClient(server)) {
            for (byte[] garbage : StunTestClient.garbage()) {
                client.send(garbage);
            }
            client.send(new byte[] {0x40, 0x01, 0x00, 0x10, 1, 2});
            assertTrue(client.silentFor(300));
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
        }
    }

    @Test
    void relaysBothWaysWithIndicationsAndThenWithChannels() throws Exception {
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(3000);
            InetSocketAddress relayed = client.allocate();
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            assertEquals(0, client.createPermission(peerAddress));

            client.sendIndication(peerAddress, HELLO);
            DatagramPacket atPeer = receive(peer);
            assertArrayEquals(HELLO, Arrays.copyOf(atPeer.getData(), atPeer.getLength()));
            assertEquals(relayed, atPeer.getSocketAddress());

            peer.send(new DatagramPacket("back".getBytes(), 4, relayed));
            StunMessage data = StunDecoder.decode(ByteBuffer.wrap(client.receive()));
            assertEquals(StunMethod.DATA, data.type().method());
            assertEquals(peerAddress, XorAddress.read(data, AttributeType.XOR_PEER_ADDRESS).orElseThrow());
            assertArrayEquals("back".getBytes(), data.value(data.attribute(AttributeType.DATA).orElseThrow()));

            assertEquals(0, client.channelBind(0x4000, peerAddress));
            client.channelData(0x4000, HELLO);
            atPeer = receive(peer);
            assertArrayEquals(HELLO, Arrays.copyOf(atPeer.getData(), atPeer.getLength()));
            peer.send(new DatagramPacket("via channel".getBytes(), 11, relayed));
            byte[] frame = client.receive();
            assertEquals(0x40, frame[0]);
            assertEquals(0x00, frame[1]);
            assertArrayEquals("via channel".getBytes(), Arrays.copyOfRange(frame, 4, 4 + 11));

            assertTrue(transport.stats().snapshot().packetsRelayed() >= 4);
        }
    }

    @Test
    void clientsSpreadOverTheEventLoopsAllRelay() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(3000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            java.util.List<TurnTestClient> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    TurnTestClient client = new TurnTestClient(server, "alice", "secret");
                    clients.add(client);
                    client.allocate();
                    assertEquals(0, client.channelBind(0x4000, peerAddress));
                    client.channelData(0x4000, HELLO);
                    assertArrayEquals(HELLO, Arrays.copyOf(receive(peer).getData(), HELLO.length));
                }
                assertEquals(16, transport.stats().snapshot().allocationCount());
            } finally {
                clients.forEach(TurnTestClient::close);
            }
        }
    }

    @Test
    void relaysOverTcpWithPaddedChannelDataAndClosingTheConnectionEndsTheAllocation() throws Exception {
        InetSocketAddress relayed;
        try (TurnTestClient client = TurnTestClient.overTcp(server, "alice", "secret");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(3000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            relayed = client.allocate();
            assertEquals(0, client.channelBind(0x4000, peerAddress));
            client.channelData(0x4000, HELLO);
            DatagramPacket atPeer = receive(peer);
            assertArrayEquals(HELLO, Arrays.copyOf(atPeer.getData(), atPeer.getLength()));
            peer.send(new DatagramPacket("odd".getBytes(), 3, relayed));
            byte[] frame = client.receive();
            assertEquals(8, frame.length, "4-byte header, 3 bytes, 1 byte of padding");
            assertArrayEquals("odd".getBytes(), Arrays.copyOfRange(frame, 4, 7));
        }
        for (int i = 0; i < 50 && transport.stats().snapshot().allocationCount() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, transport.stats().snapshot().allocationCount());
        try (DatagramSocket rebound = new DatagramSocket(relayed)) {
            assertTrue(rebound.isBound());
        }
    }

    @Test
    void relaysOverTlsEveryMessageBothWays() throws Exception {
        java.nio.file.Path keystore = java.nio.file.Files.createTempDirectory("tls").resolve("test.p12");
        TestTransports.keyStore(keystore, "CN=localhost", "secret");
        transport.close();
        transport = TurnTransport.start(TestTransports.withTls(TestTransports.config(server), keystore, "secret"),
                threads);
        InetSocketAddress tls = transport.tlsAddress().orElseThrow();
        try (TurnTestClient client = TurnTestClient.overTls(tls, "alice", "secret");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(3000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            InetSocketAddress relayed = client.allocate();
            assertEquals(0, client.channelBind(0x4000, peerAddress));
            for (int i = 0; i < 200; i++) {
                byte[] message = ("message " + i).getBytes();
                client.channelData(0x4000, message);
                DatagramPacket atPeer = receive(peer);
                assertArrayEquals(message, Arrays.copyOf(atPeer.getData(), atPeer.getLength()));
                peer.send(new DatagramPacket(message, message.length, relayed));
                byte[] frame = client.receive();
                assertArrayEquals(message, Arrays.copyOfRange(frame, 4, 4 + message.length), "message " + i);
            }
        }
    }

    @Test
    void garbageOnATcpConnectionClosesItAndTheServerKeepsServing() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
            assertEquals(-1, socket.getInputStream().read());
        }
        try (TurnTestClient client = TurnTestClient.overTcp(server, "alice", "secret")) {
            client.allocate();
        }
    }

    @Test
    void aRestartRightAfterTheServerClosedAConnectionBindsItsPortAgain() throws Exception {
        // The server closes first, so its end of the connection waits in TIME_WAIT on the listening port.
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
            assertEquals(-1, socket.getInputStream().read());
        }
        transport.close();
        transport = TurnTransport.start(TestTransports.config(server), threads);
        try (TurnTestClient client = TurnTestClient.overTcp(server, "alice", "secret")) {
            client.allocate();
        }
    }

    @Test
    void anIpv6RelayCarriesDataToAnIpv6Peer() throws Exception {
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            peer.setSoTimeout(3000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            InetSocketAddress relayed = client.allocateIpv6();
            assertEquals(InetAddress.getByName("::1"), relayed.getAddress());
            assertEquals(0, client.channelBind(0x4000, peerAddress));
            client.channelData(0x4000, HELLO);
            DatagramPacket atPeer = receive(peer);
            assertArrayEquals(HELLO, Arrays.copyOf(atPeer.getData(), atPeer.getLength()));
            assertEquals(relayed, atPeer.getSocketAddress());
        }
    }

    @Test
    void aDualAllocationRelaysToAnIpv4AndAnIpv6PeerFromItsTwoRelays() throws Exception {
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret");
             DatagramSocket peer4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket peer6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            List<InetSocketAddress> relayed = client.allocateDual();
            assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
                    relayed.stream().map(InetSocketAddress::getAddress).toList());
            int channel = 0x4000;
            for (DatagramSocket peer : List.of(peer4, peer6)) {
                peer.setSoTimeout(3000);
                InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
                assertEquals(0, client.channelBind(channel, peerAddress));
                client.channelData(channel, HELLO);
                DatagramPacket atPeer = receive(peer);
                assertArrayEquals(HELLO, Arrays.copyOf(atPeer.getData(), atPeer.getLength()));
                assertEquals(relayed.get(peer == peer4 ? 0 : 1), atPeer.getSocketAddress());
                peer.send(new DatagramPacket("back".getBytes(), 4, atPeer.getSocketAddress()));
                byte[] frame = client.receive();
                assertEquals(channel, ((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF));
                assertArrayEquals("back".getBytes(), Arrays.copyOfRange(frame, 4, 8));
                channel++;
            }
        }
    }

    @Test
    void channelDataForTheDroppedFamilyOfADualAllocationIsDroppedAndTheLoopServesOn() throws Exception {
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret");
             DatagramSocket peer4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket peer6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            peer4.setSoTimeout(3000);
            client.allocateDual();
            assertEquals(0, client.channelBind(0x4000, (InetSocketAddress) peer6.getLocalSocketAddress()));
            assertEquals(0, client.channelBind(0x4001, (InetSocketAddress) peer4.getLocalSocketAddress()));
            assertEquals(0, client.refreshFamily(2, 0));

            long dropped = transport.stats().snapshot().packetsDropped();
            client.channelData(0x4000, HELLO);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (transport.stats().snapshot().packetsDropped() == dropped && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(dropped + 1, transport.stats().snapshot().packetsDropped(), "counted as dropped, not thrown");
            client.channelData(0x4001, HELLO);
            DatagramPacket atPeer = receive(peer4);
            assertArrayEquals(HELLO, Arrays.copyOf(atPeer.getData(), atPeer.getLength()));
        }
    }

    @Test
    void dataFromAPeerWithoutPermissionIsDropped() throws Exception {
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret");
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             StunTestClient probe = new StunTestClient(server)) {
            InetSocketAddress relayed = client.allocate();
            stranger.send(new DatagramPacket(HELLO, HELLO.length, relayed));
            client.timeout(300);
            assertThrows(java.net.SocketTimeoutException.class, client::receive, "data from a stranger reached the client");
            client.timeout(3000);
            assertEquals(MessageType.BINDING_SUCCESS, probe.binding().type());
            assertEquals(0, client.refresh(0));
        }
    }

    @Test
    void deletingTheAllocationClosesItsRelayPort() throws Exception {
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret")) {
            InetSocketAddress relayed = client.allocate();
            assertEquals(0, client.refresh(0));
            Thread.sleep(100);
            try (DatagramSocket rebound = new DatagramSocket(relayed)) {
                assertTrue(rebound.isBound());
            }
        }
    }

    @Test
    void closeFreesThePortForTheNextStart() throws Exception {
        transport.close();
        try (DatagramSocket rebound = new DatagramSocket(server)) {
            assertTrue(rebound.isBound());
        }
        transport = TurnTransport.start(TestTransports.config(server), threads);
        try (StunTestClient client = new StunTestClient(server)) {
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
        }
    }

    @Test
    void closeAlsoFreesAPortHeldForAReservationToken() throws Exception {
        InetSocketAddress reserved;
        try (TurnTestClient client = new TurnTestClient(server, "alice", "secret")) {
            InetSocketAddress relayed = client.allocateReservingNextPort();
            reserved = new InetSocketAddress(relayed.getAddress(), relayed.getPort() + 1);
        }
        transport.close();
        try (DatagramSocket rebound = new DatagramSocket(reserved)) {
            assertTrue(rebound.isBound());
        }
        transport = TurnTransport.start(TestTransports.config(server), threads);
    }

    /**
     * RFC 8656 §7.2: with the R bit the next port must be free too. When it is taken the even port just
     * bound is given back and the Allocate answered 508 (it was left bound and the request unanswered).
     */
    @Test
    void anEvenPortWhoseNextPortIsTakenIsFreedAndTheAllocateAnswered508() throws Exception {
        InetSocketAddress even = new InetSocketAddress("127.0.0.1", 41000);
        try (DatagramSocket next = new DatagramSocket(new InetSocketAddress("127.0.0.1", 41001))) {
            TurnTransport narrow = TestTransports.start(listener -> TestTransports.config(listener,
                    new Quotas(100, 50, 0, 3600, 100, 100), TestTransports.STREAMS, 41000, 41001), threads);
            try (TurnTestClient client = new TurnTestClient(narrow.udpAddresses().get(0), "alice", "secret")) {
                IOException refused = assertThrows(IOException.class, client::allocateReservingNextPort);
                assertTrue(refused.getMessage().contains("508"), refused.getMessage());
                assertEquals(0, narrow.stats().snapshot().allocationCount(), "the quota place is given back");
                try (DatagramSocket rebound = new DatagramSocket(even)) {
                    assertTrue(rebound.isBound());
                }
            } finally {
                narrow.close();
            }
        }
    }

    @Test
    void aTakenPortFailsWithAMessageNamingIt() {
        TransportBindException e = assertThrows(TransportBindException.class,
                () -> TurnTransport.start(TestTransports.config(server), threads));
        assertTrue(e.getMessage().contains("udp 127.0.0.1:" + server.getPort()), e.getMessage());
    }

    @Test
    void aTcpRelayPipesEveryByteBothWaysToAPeerItConnectedTo() throws Exception {
        try (TurnTestClient control = TurnTestClient.overTcp(server, "alice", "secret");
             ServerSocket listener = peerListener()) {
            InetSocketAddress peerAddress = (InetSocketAddress) listener.getLocalSocketAddress();
            InetSocketAddress relayed = control.allocateTcp();
            assertEquals(0, control.createPermission(peerAddress));
            long id = control.connect(peerAddress);
            try (Socket peer = listener.accept(); TurnTestClient data = control.dataConnection(server)) {
                assertEquals(relayed, peer.getRemoteSocketAddress());
                // The first message rides in the ConnectionBind's segment (the decoder must not eat it).
                assertEquals(0, data.connectionBind(id, message(0)));
                pipesBothWays(data.socket(), peer, 1, 0);
            }
        }
    }

    @Test
    void aPeerConnectingToATcpRelayIsAnnouncedAndPipedOnceBound() throws Exception {
        try (TurnTestClient control = TurnTestClient.overTcp(server, "alice", "secret");
             Socket peer = peerSocket()) {
            InetSocketAddress relayed = control.allocateTcp();
            assertEquals(0, control.createPermission((InetSocketAddress) peer.getLocalSocketAddress()));
            peer.connect(relayed, 3000);
            // Sent before the client binds: the relay must hold it, unread, until the pipe is up.
            peer.getOutputStream().write(message(0));

            StunMessage attempt = StunDecoder.decode(ByteBuffer.wrap(control.receive()));
            assertEquals(new MessageType(StunMethod.CONNECTION_ATTEMPT, MessageClass.INDICATION), attempt.type());
            assertEquals(peer.getLocalSocketAddress(),
                    XorAddress.read(attempt, AttributeType.XOR_PEER_ADDRESS).orElseThrow());
            long id = attempt.int32(AttributeType.CONNECTION_ID).orElseThrow();
            try (TurnTestClient data = control.dataConnection(server)) {
                assertEquals(0, data.connectionBind(id, message(0)));
                pipesBothWays(data.socket(), peer, 1, 1);
            }
        }
    }

    @Test
    void twoClientsTalkThroughTheirTcpRelaysToEachOther() throws Exception {
        try (TurnTestClient a = TurnTestClient.overTcp(server, "alice", "secret");
             TurnTestClient b = TurnTestClient.overTcp(server, "alice", "secret")) {
            InetSocketAddress relayedA = a.allocateTcp();
            InetSocketAddress relayedB = b.allocateTcp();
            assertEquals(0, a.createPermission(relayedB));
            assertEquals(0, b.createPermission(relayedA));
            long idA = a.connect(relayedB);
            StunMessage attempt = StunDecoder.decode(ByteBuffer.wrap(b.receive()));
            assertEquals(relayedA, XorAddress.read(attempt, AttributeType.XOR_PEER_ADDRESS).orElseThrow());
            long idB = attempt.int32(AttributeType.CONNECTION_ID).orElseThrow();
            try (TurnTestClient dataA = a.dataConnection(server); TurnTestClient dataB = b.dataConnection(server)) {
                assertEquals(0, dataA.connectionBind(idA, message(0)));
                assertEquals(0, dataB.connectionBind(idB, message(0)));
                pipesBothWays(dataA.socket(), dataB.socket(), 1, 1);
            }
        }
    }

    private static final int MESSAGES = 200;
    private static final int MESSAGE_SIZE = 120;

    /** Message {@code i} of a stream: 120 bytes that differ from every other message's. */
    private static byte[] message(int i) {
        byte[] message = new byte[MESSAGE_SIZE];
        for (int j = 0; j < MESSAGE_SIZE; j++) {
            message[j] = (byte) (i * 31 + j);
        }
        return message;
    }

    /**
     * Both sides write messages {@code from..MESSAGES-1} at once (the ones before went already), and
     * each must read all {@code MESSAGES} messages in order, the last ones too, within seconds.
     */
    private static void pipesBothWays(Socket client, Socket peer, int clientFrom, int peerFrom) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<?> clientWrites = writers.submit(() -> writeMessages(client, clientFrom));
            Future<?> peerWrites = writers.submit(() -> writeMessages(peer, peerFrom));
            assertReadsAllMessages(peer, "client to peer");
            assertReadsAllMessages(client, "peer to client");
            clientWrites.get(5, TimeUnit.SECONDS);
            peerWrites.get(5, TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
        }
    }

    private static Void writeMessages(Socket socket, int from) throws Exception {
        for (int i = from; i < MESSAGES; i++) {
            socket.getOutputStream().write(message(i));
        }
        return null;
    }

    private static void assertReadsAllMessages(Socket socket, String direction) throws Exception {
        socket.setSoTimeout(5000);
        byte[] received = new byte[MESSAGES * MESSAGE_SIZE];
        int got = 0;
        try {
            while (got < received.length) {
                int n = socket.getInputStream().read(received, got, received.length - got);
                assertTrue(n > 0, direction + ": the connection closed after " + got + " bytes");
                got += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(direction + ": " + got + " of " + received.length + " bytes arrived ("
                    + got / MESSAGE_SIZE + " whole messages), then nothing for 5 s", e);
        }
        for (int i = 0; i < MESSAGES; i++) {
            assertArrayEquals(message(i), Arrays.copyOfRange(received, i * MESSAGE_SIZE, (i + 1) * MESSAGE_SIZE),
                    direction + ": message " + i);
        }
    }

    private static ServerSocket peerListener() throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        listener.setSoTimeout(3000);
        return listener;
    }

    /** A bound loopback peer socket, to connect later. */
    private static Socket peerSocket() throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        return socket;
    }

    private static DatagramPacket receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return packet;
    }
}
