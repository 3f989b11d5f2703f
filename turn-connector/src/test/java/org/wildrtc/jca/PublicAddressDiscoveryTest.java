package org.wildrtc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.stun.BindingResponder;
import org.wildrtc.stun.StunDecoder;

/** externalAddress=auto against a STUN responder on loopback. */
class PublicAddressDiscoveryTest {
    private final AtomicInteger answered = new AtomicInteger();
    private DatagramSocket responder;
    private Thread answering;

    @AfterEach
    void stop() throws Exception {
        if (responder != null) {
            responder.close();
            answering.join(2000);
        }
    }

    @Test
    void learnsTheAddressTheStunServerSeesTheRelayAddressAs() throws Exception {
        String server = respond(0);
        assertEquals(InetAddress.getByName("127.0.0.1"),
                PublicAddressDiscovery.discover(InetAddress.getByName("127.0.0.1"), server));
    }

    /** RFC 8489 §6.2.1: a lost request is sent again after the RTO. */
    @Test
    void retransmitsWhenTheFirstRequestsAreLost() throws Exception {
        String server = respond(2);
        assertEquals(InetAddress.getByName("127.0.0.1"),
                PublicAddressDiscovery.discover(InetAddress.getByName("127.0.0.1"), server));
        assertEquals(3, answered.get());
    }

    @Test
    void aServerThatNeverAnswersFailsWithinSecondsNamingTheProperty() throws Exception {
        String server = respond(Integer.MAX_VALUE);
        long started = System.nanoTime();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PublicAddressDiscovery.discover(InetAddress.getByName("127.0.0.1"), server));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds >= 4 && seconds <= 7, seconds + " s");
        assertTrue(refused.getMessage().contains("discoveryServer " + server + " "), refused.getMessage());
        assertEquals(4, answered.get());
    }

    @Test
    void aServerThatIsNotHostAndPortFailsNamingTheProperty() {
        for (String bad : new String[] {"stun.example.org:x", "127.0.0.1:0", ":3478", "[::1]:70000"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> PublicAddressDiscovery.resolve(bad, true), bad);
            assertTrue(refused.getMessage().startsWith("discoveryServer (-Dwildrtc.turn.discovery-server)"),
                    refused.getMessage());
        }
        assertEquals(new InetSocketAddress("::1", 3479), PublicAddressDiscovery.resolve("[::1]:3479", false));
        assertEquals(new InetSocketAddress("127.0.0.1", 3478), PublicAddressDiscovery.resolve("127.0.0.1", true));
    }

    /** A Binding responder on a free loopback port that drops the first {@code dropped} requests. */
    private String respond(int dropped) throws SocketException {
        responder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        BindingResponder binding = new BindingResponder("test");
        answering = new Thread(() -> {
            byte[] in = new byte[1500];
            try {
                while (true) {
                    DatagramPacket request = new DatagramPacket(in, in.length);
                    responder.receive(request);
                    if (answered.incrementAndGet() <= dropped) {
                        continue;
                    }
                    ByteBuffer out = ByteBuffer.allocate(1500);
                    int size = binding.answer(StunDecoder.decode(ByteBuffer.wrap(in, 0, request.getLength())),
                            (InetSocketAddress) request.getSocketAddress(), out);
                    responder.send(new DatagramPacket(out.array(), size, request.getSocketAddress()));
                }
            } catch (Exception closed) {
                // the test is over
            }
        });
        answering.start();
        return "127.0.0.1:" + responder.getLocalPort();
    }
}
