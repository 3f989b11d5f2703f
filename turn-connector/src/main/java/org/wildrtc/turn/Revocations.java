package org.wildrtc.turn;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Usernames an admin revoked, each until its credential would have expired anyway: a TURN REST
 * username until the expiry it carries, a static user until the server restarts. Bounded: expired
 * entries are pruned when it fills, and a full table of live ones refuses more.
 */
final class Revocations {
    /** Far more than an admin revokes by hand; a script revoking in a loop meets the bound. */
    static final int MAX_REVOCATIONS = 10_000;

    private final ConcurrentHashMap<String, Long> untilSeconds = new ConcurrentHashMap<>();

    /**
     * Revokes {@code username} from now on.
     *
     * @throws IllegalStateException when {@link #MAX_REVOCATIONS} unexpired ones are held
     */
    synchronized void revoke(String username, long nowSeconds) {
        long until = RestCredentials.expiry(username).orElse(Long.MAX_VALUE);
        if (!untilSeconds.containsKey(username) && untilSeconds.size() >= MAX_REVOCATIONS) {
            untilSeconds.values().removeIf(expiry -> expiry < nowSeconds);
            if (untilSeconds.size() >= MAX_REVOCATIONS) {
                throw new IllegalStateException("the TURN server already holds " + MAX_REVOCATIONS
                        + " revoked usernames whose credentials have not expired; revoke again once some have (a "
                        + "static user's revocation lasts until the server restarts)");
            }
        }
        untilSeconds.put(username, until);
    }

    boolean isRevoked(String username, long nowSeconds) {
        Long until = untilSeconds.get(username);
        return until != null && nowSeconds <= until;
    }
}
