package org.wildrtc.turn;

import java.util.List;
import org.wildrtc.stun.PasswordAlgorithm;

/** Where long-term keys come from (RFC 8489 §9.2): a static user list or the TURN REST shared secrets. */
public interface CredentialSource {

    /**
     * The long-term keys of {@code username} for {@code algorithm} (RFC 8489 §9.2.2), any of which may
     * have signed a request (one per REST secret); empty when the user is unknown or has no key for that
     * algorithm. Expiry is not looked at here: {@link #expired} tells it.
     */
    List<byte[]> keys(String username, String realm, PasswordAlgorithm algorithm);

    /** Whether {@code username} is one of this source's and past its expiry: a TURN REST credential can be. */
    default boolean expired(String username, long nowSeconds) {
        return false;
    }
}
