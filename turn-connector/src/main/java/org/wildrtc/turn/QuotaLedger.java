package org.wildrtc.turn;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.wildrtc.stun.ErrorCode;

/**
 * Allocation counts across all event loops, so the per-user and total quotas hold for the whole
 * server (RFC 8656 §7.2: 486 and 508). A port held for a RESERVATION-TOKEN takes a place of its
 * user's quota too, and reservations have a total of their own.
 */
final class QuotaLedger {
    private final Quotas quotas;
    private final AtomicInteger allocations = new AtomicInteger();
    private final AtomicInteger reservations = new AtomicInteger();
    /**
     * Places per username. Each change is one {@link ConcurrentHashMap#compute} on the user's entry,
     * so a place taken while the last one is given back is never counted on an entry just removed.
     */
    private final ConcurrentHashMap<String, Integer> perUser = new ConcurrentHashMap<>();

    QuotaLedger(Quotas quotas) {
        this.quotas = quotas;
    }

    /** Takes a place for one allocation of {@code username}; null when granted, else the error to answer. */
    ErrorCode take(String username) {
        return take(username, allocations, quotas.maxAllocations());
    }

    /** Gives back the place of an allocation that ended, or of one that was never made. */
    void give(String username) {
        give(username, allocations);
    }

    /**
     * Takes a place for a port reserved for {@code username} (RFC 8656 §7.2, EVEN-PORT with the R bit);
     * null when granted, 486 when the user's quota is full, 508 when reservations are.
     */
    ErrorCode takeReservation(String username) {
        return take(username, reservations, quotas.maxReservations());
    }

    /** Gives back the place of a reservation that was claimed or expired, or never made. */
    void giveReservation(String username) {
        give(username, reservations);
    }

    private ErrorCode take(String username, AtomicInteger pool, int poolLimit) {
        if (!takeUserPlace(username)) {
            return ErrorCode.ALLOCATION_QUOTA_REACHED;
        }
        if (pool.incrementAndGet() > poolLimit) {
            pool.decrementAndGet();
            releaseUserPlace(username);
            return ErrorCode.INSUFFICIENT_CAPACITY;
        }
        return null;
    }

    private void give(String username, AtomicInteger pool) {
        pool.decrementAndGet();
        releaseUserPlace(username);
    }

    private boolean takeUserPlace(String username) {
        boolean[] granted = new boolean[1];
        perUser.compute(username, (user, held) -> {
            int count = held == null ? 0 : held;
            granted[0] = count < quotas.maxAllocationsPerUser();
            return granted[0] ? Integer.valueOf(count + 1) : held;
        });
        return granted[0];
    }

    private void releaseUserPlace(String username) {
        perUser.computeIfPresent(username, (user, held) -> held <= 1 ? null : held - 1);
    }

    int total() {
        return allocations.get();
    }
}
