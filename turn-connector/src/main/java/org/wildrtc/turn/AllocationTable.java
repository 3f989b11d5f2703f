package org.wildrtc.turn;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The allocations of one event loop, by client transport address (the 5-tuple, RFC 8656 §2.2: one
 * listening address and one protocol per table, and the kernel steers each client to one loop).
 */
final class AllocationTable {
    private final Map<InetSocketAddress, Allocation> byClient = new HashMap<>();
    private final QuotaLedger ledger;
    private final TurnStats stats;
    private final LiveAllocations live;
    private final Executor loop;

    /** @param loop the event loop the table is confined to, where an admin's revoke closes its allocations */
    AllocationTable(SharedTurnState shared, Executor loop) {
        this.ledger = shared.ledger;
        this.stats = shared.stats;
        this.live = shared.live;
        this.loop = loop;
    }

    Allocation get(InetSocketAddress client) {
        return byClient.get(client);
    }

    /** Adds an allocation whose place the ledger already granted. */
    void add(Allocation allocation) {
        byClient.put(allocation.client(), allocation);
        stats.allocationAdded(allocation.transport());
        allocation.listing(live.add(allocation, loop, () -> remove(allocation)));
    }

    /** Ends {@code allocation}; false when it had already ended. */
    boolean remove(Allocation allocation) {
        if (!byClient.remove(allocation.client(), allocation)) {
            return false;
        }
        live.remove(allocation.listing());
        ledger.give(allocation.username());
        allocation.close();
        stats.allocationRemoved(allocation.transport());
        return true;
    }

    /** Removes expired allocations and expired entries of the others; returns the removed ones. */
    List<Allocation> expire(long nowNanos) {
        List<Allocation> expired = new ArrayList<>();
        for (Iterator<Allocation> it = byClient.values().iterator(); it.hasNext(); ) {
            Allocation allocation = it.next();
            if (allocation.isExpired(nowNanos)) {
                expired.add(allocation);
            } else {
                allocation.expireEntries(nowNanos);
            }
        }
        expired.forEach(this::remove);
        return expired;
    }

    void clear() {
        List.copyOf(byClient.values()).forEach(this::remove);
    }
}
