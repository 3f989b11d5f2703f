package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageClass;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;
import org.wildrtc.stun.UnknownAttributes;
import org.wildrtc.turn.Quotas;
import org.wildrtc.turn.Refusal;
import org.wildrtc.turn.TurnRequests;
import org.wildrtc.turn.TurnTestClient;

/**
 * What one TCP or TLS client connection may hold of the server, on real loopback sockets: answers
 * that fit and buffers that go back, send queues bounded for clients that stop reading, connection
 * caps and the idle timeout.
 */
class StreamClientLimitsTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private TurnTransport transport;
    private InetSocketAddress server;

    private void start(TransportConfig.StreamLimits streams) throws Exception {
        transport = TestTransports.start(listener -> TestTransports.config(listener, new Quotas(100, 50, 0, 3600, 100, 100),
                streams, TestTransports.MIN_RELAY_PORT, TestTransports.MAX_RELAY_PORT), threads);
        server = transport.udpAddresses().get(0);
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
    }

    /** A request over TCP may be 64 KiB; naming ~1000 unknown types once overflowed the 2 KiB answer buffer. */
    @Test
    void aRequestWithAThousandUnknownAttributesGetsA420AndLeaksNoBuffer() throws Exception {
        start(TestTransports.STREAMS);
        try (NettyLeaks leaks = NettyLeaks.watch();
             TurnTestClient client = TurnTestClient.overTcp(server, "alice", "secret")) {
            StunMessage answer = client.request(StunMethod.ALLOCATE, w -> {
                w.int32(AttributeType.REQUESTED_TRANSPORT, TurnRequests.UDP);
                for (int type = 0x4000; type < 0x4000 + 1000; type++) {
                    w.attribute(type, new byte[0]);
                }
            });
            assertEquals(420, ErrorCode.read(answer));
            assertEquals(2 * UnknownAttributes.MAX_LISTED,
                    answer.value(answer.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow()).length);
            client.allocate();
            leaks.assertNoLeaks();
        }
    }

    /** The client reads nothing while its peer floods the relay: what cannot be queued is dropped and counted. */
    @Test
    void peerDatagramsForAClientThatStoppedReadingAreDroppedNotQueued() throws Exception {
        start(TestTransports.STREAMS);
        try (NettyLeaks leaks = NettyLeaks.watch();
             TurnTestClient client = TurnTestClient.overTcp(server, "alice", "secret");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress relayed = client.allocate();
            assertEquals(0, client.createPermission((InetSocketAddress) peer.getLocalSocketAddress()));
            client.socket().setReceiveBufferSize(4096);
            // Until the kernel's buffers of the connection are full too, however large they grew.
            byte[] datagram = new byte[1000];
            long dropped = 0;
            for (int round = 0; round < 200 && dropped == 0; round++) {
                for (int i = 0; i < 1000; i++) {
                    peer.send(new DatagramPacket(datagram, datagram.length, relayed));
                }
                Thread.sleep(10);
                dropped = refused(Refusal.CLIENT_NOT_READING);
            }
            assertTrue(dropped > 0, "nothing was dropped for the client that does not read");
            assertTrue(transport.stats().snapshot().packetsDropped() >= dropped);
            client.close();
            leaks.assertNoLeaks();
        }
    }

    /** A client that sends requests but reads no answer is no longer read: its answers cannot pile up. */
    @Test
    void aClientThatReadsNoAnswersIsNoLongerRead() throws Exception {
        start(TestTransports.STREAMS);
        byte[] requests = bindingRequests(1000);
        int rounds = 200;
        AtomicInteger written = new AtomicInteger();
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.setSendBufferSize(8192);
            client.connect(server, 3000);
            threads.submit(() -> {
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < rounds; i++) {
                    out.write(requests);
                    written.incrementAndGet();
                }
                return null;
            });
            Thread.sleep(2000);
            int stalledAt = written.get();
            Thread.sleep(2000);
            assertEquals(stalledAt, written.get(), "the server kept reading requests whose answers nobody reads");
            assertTrue(stalledAt < rounds, "all " + rounds * 1000 + " requests were read");
        }
    }

    @Test
    void connectionsOverTheCapOfTheirSourceAreClosedAsTheyOpen() throws Exception {
        start(new TransportConfig.StreamLimits(1000, 2, 30, 32, 8));
        List<Socket> held = new ArrayList<>();
        try {
            held.add(openAdmitted("127.0.0.1"));
            held.add(openAdmitted("127.0.0.1"));
            try (Socket third = open("127.0.0.1")) {
                assertEquals(-1, third.getInputStream().read(), "a third connection from one address stays open");
            }
            assertEquals(1, refused(Refusal.CONNECTIONS_PER_SOURCE));
            try (Socket otherSource = open("127.0.0.2")) {
                assertBindingAnswered(otherSource);
            }
            held.remove(0).close();
            assertAdmittedSoon("127.0.0.1");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void connectionsOverTheServersCapAreClosedAsTheyOpen() throws Exception {
        start(new TransportConfig.StreamLimits(2, 100, 30, 32, 8));
        try (Socket first = openAdmitted("127.0.0.1"); Socket second = openAdmitted("127.0.0.2");
             Socket third = open("127.0.0.3")) {
            assertEquals(-1, third.getInputStream().read(), "a third connection stays open");
            assertEquals(1, refused(Refusal.CONNECTIONS_TOTAL));
            assertBindingAnswered(first);
            second.close();
            assertAdmittedSoon("127.0.0.3");
        }
    }

    @Test
    void aConnectionWithoutAnAllocationThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        start(new TransportConfig.StreamLimits(1000, 100, 1, 32, 8));
        try (Socket idle = open("127.0.0.1");
             TurnTestClient allocated = TurnTestClient.overTcp(server, "alice", "secret")) {
            allocated.allocate();
            idle.setSoTimeout(5000);
            assertEquals(-1, idle.getInputStream().read(), "the idle connection stays open");
            assertTrue(refused(Refusal.IDLE_CONNECTION) >= 1);
            Thread.sleep(1500);
            assertEquals(0, allocated.refresh(600), "a connection that holds an allocation is not idle");
            assertEquals(0, allocated.refresh(0));
            allocated.timeout(5000);
            assertEquals(-1, allocated.socket().getInputStream().read(), "it is idle once its allocation is gone");
        }
    }

    private long refused(Refusal refusal) {
        return transport.stats().snapshot().refused().get(refusal.key());
    }

    private Socket open(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(server, 3000);
        socket.setSoTimeout(3000);
        return socket;
    }

    /**
     * A connection the server has admitted: connections land on different event loops, which count
     * them in no fixed order, so the next one is opened only once this one is answered.
     */
    private Socket openAdmitted(String localAddress) throws IOException {
        Socket socket = open(localAddress);
        assertBindingAnswered(socket);
        return socket;
    }

    /** The server frees a closed connection's place on its event loop, a moment after the close. */
    private void assertAdmittedSoon(String localAddress) throws Exception {
        TestTransports.soon(() -> {
            try (Socket again = open(localAddress)) {
                assertBindingAnswered(again);
            }
        });
    }

    private static void assertBindingAnswered(Socket socket) throws IOException {
        socket.getOutputStream().write(bindingRequests(1));
        byte[] header = socket.getInputStream().readNBytes(20);
        if (header.length < 20) {
            throw new IOException("closed without an answer");
        }
        assertArrayEquals(new byte[] {(byte) (MessageType.BINDING_SUCCESS.encode() >> 8),
                (byte) MessageType.BINDING_SUCCESS.encode()}, new byte[] {header[0], header[1]});
        int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (socket.getInputStream().readNBytes(length).length < length) {
            throw new IOException("closed within an answer");
        }
    }

    private static byte[] bindingRequests(int count) {
        ByteBuffer out = ByteBuffer.allocate(20 * count);
        for (int i = 0; i < count; i++) {
            new MessageWriter(out, new MessageType(StunMethod.BINDING, MessageClass.REQUEST), TurnRequests.transactionId());
        }
        return out.array();
    }
}
