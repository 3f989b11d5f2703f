package org.wildrtc.turn;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import org.wildrtc.stun.Hmac;

/**
 * Ephemeral TURN credentials (draft-uberti-behave-turn-rest, coturn's {@code use-auth-secret}):
 * the username is {@code <unix expiry>:<user>} and the password base64(HMAC-SHA1(secret, username)).
 * Any server that knows the secret accepts them, so they scale out without shared state.
 */
public final class RestCredentials implements CredentialSource {
    private final byte[] secret;

    public RestCredentials(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the TURN REST shared secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A username and password for {@code user}, valid for {@code ttlSeconds} from {@code nowSeconds}. */
    public EphemeralCredential mint(String user, long ttlSeconds, long nowSeconds) {
        String username = (nowSeconds + ttlSeconds) + ":" + user;
        return new EphemeralCredential(username, passwordFor(username), nowSeconds + ttlSeconds);
    }

    @Override
    public Optional<String> password(String username, long nowSeconds) {
        OptionalLong expiresAt = expiry(username);
        return expiresAt.isEmpty() || expiresAt.getAsLong() < nowSeconds ? Optional.empty()
                : Optional.of(passwordFor(username));
    }

    @Override
    public boolean expired(String username, long nowSeconds) {
        OptionalLong expiresAt = expiry(username);
        return expiresAt.isPresent() && expiresAt.getAsLong() < nowSeconds;
    }

    /** The Unix time a TURN REST username carries before its colon; empty when it is not one. */
    public static OptionalLong expiry(String username) {
        int colon = username.indexOf(':');
        try {
            return OptionalLong.of(Long.parseLong(colon < 0 ? username : username.substring(0, colon)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String passwordFor(String username) {
        return Base64.getEncoder().encodeToString(Hmac.sha1(secret).doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    /** A minted credential; {@code expiresAt} is Unix time in seconds. */
    public record EphemeralCredential(String username, String password, long expiresAt) {
        @Override
        public String toString() {
            // Keeps the password out of logs.
            return "EphemeralCredential[username=" + username + ", expiresAt=" + expiresAt + "]";
        }
    }
}
