package org.wildrtc.turn;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.wildrtc.stun.ErrorCode;

/**
 * Allocation counts across all event loops, so the per-user and total quotas hold for the whole
 * server (RFC 8656 §7.2: 486 and 508).
 */
final class QuotaLedger {
    private final Quotas quotas;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();

    QuotaLedger(Quotas quotas) {
        this.quotas = quotas;
    }

    /** Takes a place for one allocation of {@code username}; null when granted, else the error to answer. */
    ErrorCode take(String username) {
        AtomicInteger mine = perUser.computeIfAbsent(username, user -> new AtomicInteger());
        if (mine.incrementAndGet() > quotas.maxAllocationsPerUser()) {
            release(username);
            return ErrorCode.ALLOCATION_QUOTA_REACHED;
        }
        if (total.incrementAndGet() > quotas.maxAllocations()) {
            total.decrementAndGet();
            release(username);
            return ErrorCode.INSUFFICIENT_CAPACITY;
        }
        return null;
    }

    /** Gives back the place of an allocation that ended, or of one that was never made. */
    void give(String username) {
        total.decrementAndGet();
        release(username);
    }

    private void release(String username) {
        perUser.computeIfPresent(username, (user, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    int total() {
        return total.get();
    }
}
