package org.wildrtc.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveAllocationsTest {
    private static final long NOW = 1_000_000_000_000L;

    private final TurnStats stats = new TurnStats();
    private final LiveAllocations live = new LiveAllocations();

    @Test
    void pagesAreOldestFirstAndCappedAt1000() {
        for (int i = 0; i < 1001; i++) {
            add("user" + i, NOW + i);
        }
        LiveAllocations.Page all = live.page(0, 5000, NOW + TimeUnit.SECONDS.toNanos(10));
        assertEquals(1001, all.total());
        assertEquals(1000, all.allocations().size());
        assertEquals("user0", all.allocations().get(0).username());
        assertEquals(10, all.allocations().get(0).ageSeconds());
        assertEquals("user999", all.allocations().get(999).username());
        assertEquals(List.of("user1000"), live.page(1000, 10, NOW).allocations().stream()
                .map(LiveAllocations.Listed::username).toList());
        assertEquals(List.of(), live.page(2000, 10, NOW).allocations());
        assertThrows(IllegalArgumentException.class, () -> live.page(-1, 10, NOW));
    }

    @Test
    void aRemovedAllocationLeavesTheList() {
        LiveAllocations.Listing first = add("alice", NOW);
        add("bob", NOW);
        live.remove(first);
        LiveAllocations.Page page = live.page(0, 10, NOW);
        assertEquals(1, page.total());
        assertEquals("bob", page.allocations().get(0).username());
        assertEquals(List.of(), live.of("alice"));
    }

    private LiveAllocations.Listing add(String username, long createdNanos) {
        Allocation allocation = new Allocation(new InetSocketAddress("203.0.113.5", 40000), username,
                ClientTransport.UDP, new byte[12], new TrafficMeter(0, createdNanos), createdNanos,
                createdNanos + TimeUnit.SECONDS.toNanos(600), stats);
        allocation.relay(new FakeRelayPorts.FakeRelay(new InetSocketAddress("198.51.100.1", 50000)), false);
        return live.add(allocation, Runnable::run, () -> true);
    }
}
