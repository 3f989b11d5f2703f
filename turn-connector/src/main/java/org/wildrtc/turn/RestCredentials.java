package org.wildrtc.turn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.wildrtc.stun.Hmac;
import org.wildrtc.stun.PasswordAlgorithm;

/**
 * Ephemeral TURN credentials (draft-uberti-behave-turn-rest, coturn's {@code use-auth-secret}):
 * the username is {@code <unix expiry>:<user>} and the password base64(HMAC-SHA1(secret, username)).
 * Any server that knows the secret accepts them, so they scale out without shared state.
 *
 * <p>It holds a list of secrets, as eturnal does: credentials are minted with the first, and any of
 * them verifies, so a rotation puts the new secret first and drops the old one once the credentials
 * minted with it have expired. The list may be replaced at run time, from any thread.
 */
public final class RestCredentials implements CredentialSource {
    private volatile List<byte[]> secrets;

    /** @throws IllegalArgumentException when the list is empty or holds an empty secret */
    public RestCredentials(List<String> secrets) {
        secrets(secrets);
    }

    /**
     * The secrets of a comma-separated list, each stripped of surrounding blanks (a secret cannot hold a
     * comma).
     *
     * @throws IllegalArgumentException when one is empty
     */
    public static RestCredentials parse(String commaSeparated) {
        List<String> secrets = new ArrayList<>();
        for (String secret : commaSeparated.split(",", -1)) {
            secrets.add(secret.strip());
        }
        return new RestCredentials(secrets);
    }

    /**
     * Replaces the secrets: new credentials are minted with the first, and any verifies.
     *
     * @throws IllegalArgumentException when the list is empty or holds an empty secret
     */
    public void secrets(List<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("the TURN REST shared secrets must not be an empty list");
        }
        List<byte[]> bytes = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                // Never echo the list: it holds the others.
                throw new IllegalArgumentException("a TURN REST shared secret must not be empty (two commas in a "
                        + "row, or one at an end?)");
            }
            bytes.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        this.secrets = List.copyOf(bytes);
    }

    /** Nonces that every node holding the same first secret accepts, as it mints with that one. */
    public Nonces nonces(long lifetimeSeconds) {
        return Nonces.sharedBy(secrets.get(0), lifetimeSeconds);
    }

    public int secretCount() {
        return secrets.size();
    }

    /** A username and password for {@code user}, valid for {@code ttlSeconds} from {@code nowSeconds}. */
    public EphemeralCredential mint(String user, long ttlSeconds, long nowSeconds) {
        String username = (nowSeconds + ttlSeconds) + ":" + user;
        return new EphemeralCredential(username, password(secrets.get(0), username), nowSeconds + ttlSeconds);
    }

    /** One key per secret for a TURN REST username, expired or not ({@link #expired} tells). */
    @Override
    public List<byte[]> keys(String username, String realm, PasswordAlgorithm algorithm) {
        if (expiry(username).isEmpty()) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>();
        for (byte[] secret : secrets) {
            keys.add(algorithm.key(username, realm, password(secret, username)));
        }
        return keys;
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

    private static String password(byte[] secret, String username) {
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
