package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.stun.XorAddress;

/** The UDP listener on a real loopback socket, outside the container. */
class StunTransportTest {
    private ExecutorService threads;
    private StunTransport transport;
    private InetSocketAddress server;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = StunTransport.start(config(new InetSocketAddress("127.0.0.1", 0)), threads);
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
            assertTrue(client.silentFor(300));
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
        }
    }

    @Test
    void closeFreesThePortForTheNextStart() throws Exception {
        transport.close();
        try (DatagramSocket rebound = new DatagramSocket(server)) {
            assertTrue(rebound.isBound());
        }
        transport = StunTransport.start(config(server), threads);
        try (StunTestClient client = new StunTestClient(server)) {
            assertEquals(MessageType.BINDING_SUCCESS, client.binding().type());
        }
    }

    @Test
    void aTakenPortFailsWithAMessageNamingIt() {
        TransportBindException e = assertThrows(TransportBindException.class,
                () -> StunTransport.start(config(server), threads));
        assertTrue(e.getMessage().contains("udp 127.0.0.1:" + server.getPort()), e.getMessage());
    }

    private static TransportConfig config(InetSocketAddress listener) {
        return new TransportConfig(listener, 1, "WildRTC");
    }
}
