package org.wildrtc.turn;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.StunMessage;

/**
 * LIFETIME (RFC 8656 §18.2): 4 bytes, the seconds an allocation has left, unsigned. What a client asks
 * for is granted within bounds (§7.2, §8.2); the success response says what was granted.
 */
final class Lifetime {
    private static final int LENGTH = 4;

    private Lifetime() {
    }

    /** The requested seconds; empty when the request has no LIFETIME, or one that is not 4 bytes long. */
    static OptionalLong read(StunMessage message) {
        return message.int32(AttributeType.LIFETIME);
    }

    static MessageWriter write(MessageWriter writer, long seconds) {
        return writer.int32(AttributeType.LIFETIME, (int) seconds);
    }

    /**
     * RFC 8656 §7.2, §8.2: min(requested, maximum), but never below the 600 s default; the default when
     * none was asked for.
     */
    static long grantedSeconds(OptionalLong requested, Quotas quotas) {
        long wanted = requested.orElse(Quotas.DEFAULT_LIFETIME_SECONDS);
        return Math.max(Quotas.DEFAULT_LIFETIME_SECONDS, Math.min(wanted, quotas.maxLifetimeSeconds()));
    }

    static long expiry(long nowNanos, long seconds) {
        return nowNanos + TimeUnit.SECONDS.toNanos(seconds);
    }
}
