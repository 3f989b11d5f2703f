package org.wildrtc.turn;

import java.util.OptionalLong;
import org.jboss.logging.Logger;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;

/**
 * Refresh (RFC 8656 §8.2): a new lifetime, or 0 to delete the allocation. With REQUESTED-ADDRESS-FAMILY
 * it names one of the allocation's families (443 otherwise); a lifetime of 0 then deletes only that
 * family's relay of a dual allocation, as coturn does.
 */
final class RefreshHandler {
    private static final Logger LOG = Logger.getLogger(RefreshHandler.class);

    private final AllocationTable table;
    private final Quotas quotas;

    RefreshHandler(AllocationTable table, Quotas quotas) {
        this.table = table;
        this.quotas = quotas;
    }

    int handle(Exchange x, Allocation allocation) {
        int family = FamilyAttribute.read(x, AttributeType.REQUESTED_ADDRESS_FAMILY);
        if (family == FamilyAttribute.INVALID) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        boolean named = family != FamilyAttribute.ABSENT;
        boolean ipv4 = family == FamilyAttribute.IPV4;
        if (named && !allocation.serves(ipv4)) {
            return x.fail(ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH);
        }
        OptionalLong requested = Lifetime.read(x.request);
        long lifetime;
        if (requested.isPresent() && requested.getAsLong() == 0) {
            if (named && allocation.dropRelay(ipv4)) {
                LOG.debugf("Deleted the IPv%d relay of %s", ipv4 ? 4 : 6, x.client);
            } else {
                table.remove(allocation);
                LOG.debugf("Deleted the allocation of %s", x.client);
            }
            lifetime = 0;
        } else {
            lifetime = Lifetime.grantedSeconds(requested, quotas);
            allocation.expiresAt(Lifetime.expiry(x.nowNanos, lifetime));
        }
        return x.finish(Lifetime.write(x.success(), lifetime));
    }
}
