package org.wildrtc.turn;

import java.util.Locale;

/** Why a request failed authentication, under a fixed name for the statistics and the log. */
public enum AuthFailure {
    /** RFC 8489 §9.2.4: a nonce past its lifetime (438). */
    STALE_NONCE,
    /** A MESSAGE-INTEGRITY that does not verify with any key of the user, or a nonce the server did not issue. */
    BAD_INTEGRITY,
    /** A username no credential source knows (or none with a key for the chosen algorithm). */
    UNKNOWN_USER,
    /** A TURN REST credential past the expiry its username carries. */
    EXPIRED_CREDENTIAL,
    /** A source over its failure limit (its requests dropped) or its challenge limit (no challenge sent). */
    RATE_LIMITED,
    /** A username an admin revoked (403). */
    REVOKED;

    /** The name in the statistics, e.g. {@code stale_nonce}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
