package org.wildrtc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wildrtc.turn.ClientTransport;
import org.wildrtc.turn.LiveAllocations;
import org.wildrtc.turn.TurnTestClient;

/** The list of live allocations, read from the test's thread while the event loops serve them. */
class AllocationListTest {
    @RegisterExtension
    final LoopbackTransport loopback = new LoopbackTransport();

    @Test
    void listsEachAllocationOldestFirstWithItsAddressesAndBytes() throws Exception {
        try (TurnTestClient udp = new TurnTestClient(loopback.server(), "alice", "secret");
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            udp.timeout(5000);
            InetSocketAddress relayed = udp.allocateWithChannel(0x4000, (InetSocketAddress) peer.getLocalSocketAddress());
            try (TurnTestClient tcp = TurnTestClient.overTcp(loopback.server(), "alice", "secret")) {
                InetSocketAddress tcpRelayed = tcp.allocate();
                udp.assertRelaysBothWays(0x4000, relayed, peer, "seven b");
                assertTrue(within(() -> page().allocations().get(0).bytesToClient() == 7), "bytes counted");

                LiveAllocations.Page page = page();
                assertEquals(2, page.total());
                LiveAllocations.Listed first = page.allocations().get(0);
                assertEquals("alice", first.username());
                assertEquals(ClientTransport.UDP, first.transport());
                assertEquals(relayed, first.relay());
                assertEquals(loopback.server().getAddress(), first.client().getAddress());
                assertEquals(7, first.bytesToPeer());
                LiveAllocations.Listed second = page.allocations().get(1);
                assertEquals(ClientTransport.TCP, second.transport());
                assertEquals(tcpRelayed, second.relay());
                assertEquals(tcp.socket().getLocalSocketAddress(), second.client());
                assertEquals(1, loopback.transport().shared().allocations().page(1, 10, System.nanoTime())
                        .allocations().size());
            }
            assertTrue(within(() -> page().total() == 1), "the TCP allocation left the list with its connection");
            assertEquals(0, udp.refresh(0));
            assertEquals(0, page().total());
        }
    }

    private LiveAllocations.Page page() {
        return loopback.transport().shared().allocations().page(0, 10, System.nanoTime());
    }

    private static boolean within(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
