package org.wildrtc.turn;

/**
 * Limits on what clients may hold (coturn's total-quota, user-quota, max-bps, max-allocate-lifetime).
 *
 * @param maxAllocations         allocations on the whole server (over it: 508 Insufficient Capacity)
 * @param maxAllocationsPerUser  allocations per username (over it: 486 Allocation Quota Reached)
 * @param bytesPerSecond         relayed bytes per second per allocation, both directions; 0 = unlimited
 * @param maxLifetimeSeconds     the longest lifetime granted (RFC 8656 §7.2 recommends 3600)
 * @param maxPermissionsPerAllocation peer addresses one allocation may hold permissions for (over it:
 *                               CreatePermission and ChannelBind are 508, RFC 8656 §9.2, §11.2)
 * @param maxReservations        ports held for a RESERVATION-TOKEN on the whole server (over it: an
 *                               Allocate with EVEN-PORT's R bit is 508, RFC 8656 §7.2); each also takes
 *                               a place of its user's quota while held
 */
public record Quotas(int maxAllocations, int maxAllocationsPerUser, long bytesPerSecond, long maxLifetimeSeconds,
                     int maxPermissionsPerAllocation, int maxReservations) {
    /** RFC 8656 §7.2: allocations last 600 s unless the client asks otherwise. */
    public static final long DEFAULT_LIFETIME_SECONDS = 600;

    public Quotas {
        if (maxAllocations < 1 || maxAllocationsPerUser < 1 || bytesPerSecond < 0
                || maxLifetimeSeconds < DEFAULT_LIFETIME_SECONDS || maxPermissionsPerAllocation < 1
                || maxReservations < 0) {
            throw new IllegalArgumentException("quotas must be positive (reservations may be 0) and the maximum lifetime at least "
                    + DEFAULT_LIFETIME_SECONDS + " s");
        }
    }
}
