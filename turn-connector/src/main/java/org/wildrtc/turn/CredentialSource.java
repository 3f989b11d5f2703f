package org.wildrtc.turn;

import java.util.Optional;
import org.wildrtc.stun.PasswordAlgorithm;

/** Where long-term passwords come from (RFC 8489 §9.2): a static user list or the TURN REST shared secret. */
public interface CredentialSource {

    /** The password of {@code username} at {@code nowSeconds} (Unix time), or empty when the user is unknown or expired. */
    Optional<String> password(String username, long nowSeconds);

    /**
     * The long-term key of {@code username} for {@code algorithm} (RFC 8489 §9.2.2), or empty when the
     * user is unknown, expired, or has no key for that algorithm. By default made from the password.
     */
    default Optional<byte[]> key(String username, String realm, PasswordAlgorithm algorithm, long nowSeconds) {
        return password(username, nowSeconds).map(password -> algorithm.key(username, realm, password));
    }

    /** Whether {@code username} is one of this source's and past its expiry: a TURN REST credential can be. */
    default boolean expired(String username, long nowSeconds) {
        return false;
    }
}
