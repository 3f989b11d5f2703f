package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageType;
import org.wildrtc.stun.StunDecoder;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunTestClient;
import org.wildrtc.stun.XorAddress;

/**
 * Listening on every address, each of the machine's addresses has UDP sockets of its own, so an answer
 * leaves from the address its request was sent to (a multi-homed host). Requests go to loopback only.
 */
class WildcardListenerTest {
    private ExecutorService threads;
    private TurnTransport transport;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = TurnTransport.start(TestTransports.config(new InetSocketAddress("0.0.0.0", 0)), threads);
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
    }

    @Test
    void eachLocalAddressHasItsOwnSocketsOnTheOnePort() {
        int port = transport.udpAddresses().get(0).getPort();
        assertEquals(List.of(new InetSocketAddress("0.0.0.0", port)), transport.udpAddresses());
        List<InetSocketAddress> sockets = transport.udpSockets();
        assertTrue(sockets.contains(new InetSocketAddress("127.0.0.1", port)), sockets.toString());
        assertTrue(sockets.contains(new InetSocketAddress("::1", port)), sockets.toString());
        assertTrue(sockets.stream().noneMatch(socket -> socket.getAddress().isAnyLocalAddress()), sockets.toString());
    }

    /** A connected UDP socket takes datagrams only from the address it is connected to. */
    @Test
    void anAnswerLeavesFromTheAddressItsRequestWasSentTo() throws Exception {
        int port = transport.udpAddresses().get(0).getPort();
        for (String loopback : new String[] {"127.0.0.1", "::1"}) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(loopback), port);
            try (DatagramChannel client = DatagramChannel.open();
                 Selector selector = Selector.open()) {
                client.setOption(StandardSocketOptions.SO_REUSEADDR, false);
                client.bind(new InetSocketAddress(InetAddress.getByName(loopback), 0)).connect(server);
                client.configureBlocking(false).register(selector, SelectionKey.OP_READ);
                client.write(ByteBuffer.wrap(StunTestClient.bindingRequest(7)));
                assertEquals(1, selector.select(3000), "no answer from " + server);
                ByteBuffer in = ByteBuffer.allocate(1500);
                client.read(in);
                StunMessage answer = StunDecoder.decode(in.flip());
                assertEquals(MessageType.BINDING_SUCCESS, answer.type());
                assertEquals(client.getLocalAddress(),
                        XorAddress.read(answer, AttributeType.XOR_MAPPED_ADDRESS).orElseThrow());
            }
        }
    }
}
