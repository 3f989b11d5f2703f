package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildrtc.turn.ExternalAddresses;
import org.wildrtc.turn.TurnTestClient;

/**
 * Behind 1:1 NAT (simulated: loopback plays the private addresses, documentation addresses the public
 * ones) relays bind the private address and XOR-RELAYED-ADDRESS names the public one, for both halves
 * of a dual allocation (RFC 8656 §7.2, RFC 6156).
 */
class ExternalAddressRelayTest {
    private ExecutorService threads;
    private TurnTransport transport;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        transport = TestTransports.start(listener -> {
            TransportConfig plain = TestTransports.config(listener);
            ExternalAddresses external = ExternalAddresses.resolve(ExternalAddresses.parse("198.51.100.1,2001:db8::1"),
                    plain.relayAddress(), plain.relayAddressIpv6(), Set.of());
            return TestTransports.with(plain, external, plain.turn());
        }, threads);
    }

    @AfterEach
    void stop() {
        transport.close();
        threads.shutdownNow();
    }

    @Test
    void bothRelaysOfADualAllocationAreToldByTheirPublicAddressAndRelayFromThePrivateOne() throws Exception {
        try (TurnTestClient client = new TurnTestClient(transport.udpAddresses().get(0), "alice", "secret");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            List<InetSocketAddress> relayed = client.allocateDual();
            assertEquals(List.of(InetAddress.getByName("198.51.100.1"), InetAddress.getByName("2001:db8::1")),
                    relayed.stream().map(InetSocketAddress::getAddress).toList());
            relayed.forEach(address -> assertTrue(address.getPort() >= TestTransports.MIN_RELAY_PORT
                    && address.getPort() <= TestTransports.MAX_RELAY_PORT, address.toString()));
            // What the NAT delivers to the public address arrives at the private one, same port.
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            assertEquals(0, client.channelBind(0x4000, peerAddress));
            client.channelData(0x4000, "out".getBytes());
            peer.setSoTimeout(3000);
            DatagramPacket atPeer = new DatagramPacket(new byte[100], 100);
            peer.receive(atPeer);
            assertEquals(new InetSocketAddress("127.0.0.1", relayed.get(0).getPort()), atPeer.getSocketAddress());
            peer.send(new DatagramPacket("back".getBytes(), 4, atPeer.getSocketAddress()));
            byte[] frame = client.receive();
            assertArrayEquals("back".getBytes(), Arrays.copyOfRange(frame, 4, 8));
        }
    }
}
