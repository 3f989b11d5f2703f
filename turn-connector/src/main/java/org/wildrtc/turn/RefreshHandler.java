package org.wildrtc.turn;

import java.util.OptionalLong;
import org.jboss.logging.Logger;
import org.wildrtc.stun.AttributeType;

/** Refresh (RFC 8656 §8.2): a new lifetime, or 0 to delete the allocation. */
final class RefreshHandler {
    private static final Logger LOG = Logger.getLogger(RefreshHandler.class);

    private final AllocationTable table;
    private final Quotas quotas;

    RefreshHandler(AllocationTable table, Quotas quotas) {
        this.table = table;
        this.quotas = quotas;
    }

    int handle(Exchange x, Allocation allocation) {
        OptionalLong requested = x.request.int32(AttributeType.LIFETIME);
        long lifetime;
        if (requested.isPresent() && requested.getAsLong() == 0) {
            table.remove(allocation);
            LOG.debugf("Deleted the allocation of %s", x.client);
            lifetime = 0;
        } else {
            lifetime = Lifetimes.grantedSeconds(requested, quotas);
            allocation.expiresAt(Lifetimes.expiry(x.nowNanos, lifetime));
        }
        return x.finish(x.success().int32(AttributeType.LIFETIME, (int) lifetime));
    }
}
