package org.wildrtc.jca.api;

import java.util.List;

/**
 * A page of the live allocations, oldest first.
 *
 * @param total       how many there are in all at this moment
 * @param allocations at most the asked-for number, from the asked-for offset
 */
public record AllocationPage(int total, List<AllocationInfo> allocations) {
    public AllocationPage {
        allocations = List.copyOf(allocations);
    }
}
