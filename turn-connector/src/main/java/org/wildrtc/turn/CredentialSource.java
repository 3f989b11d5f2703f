package org.wildrtc.turn;

import java.util.Optional;

/** Where long-term passwords come from (RFC 8489 §9.2): a static user list or the TURN REST shared secret. */
public interface CredentialSource {

    /** The password of {@code username} at {@code nowSeconds} (Unix time), or empty when the user is unknown or expired. */
    Optional<String> password(String username, long nowSeconds);
}
