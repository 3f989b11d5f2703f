package org.wildrtc.turn;

import java.net.InetAddress;
import java.util.Collection;
import org.wildrtc.stun.ErrorCode;

/**
 * The most peer addresses one allocation holds permissions for. Without it a client fills its
 * allocation's table with one CreatePermission per address; RFC 8656 §9.2 and §11.2 answer a request
 * the server lacks the capacity for with 508 (Insufficient Capacity).
 */
final class PermissionCap {
    private final int maxPerAllocation;
    private final TurnStats stats;

    PermissionCap(int maxPerAllocation, TurnStats stats) {
        this.maxPerAllocation = maxPerAllocation;
        this.stats = stats;
    }

    /** Null when permissions for all of {@code peers} fit; else 508, counted. A refreshed one adds nothing. */
    ErrorCode refuse(Allocation allocation, Collection<InetAddress> peers) {
        long added = peers.stream().distinct().filter(peer -> !allocation.holdsPermission(peer)).count();
        if (allocation.permissionCount() + added <= maxPerAllocation) {
            return null;
        }
        stats.refused(Refusal.PERMISSION_LIMIT);
        return ErrorCode.INSUFFICIENT_CAPACITY;
    }
}
