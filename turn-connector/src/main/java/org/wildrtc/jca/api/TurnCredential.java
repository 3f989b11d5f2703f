package org.wildrtc.jca.api;

/**
 * An ephemeral TURN credential (TURN REST): give {@code username} and {@code password} to a client
 * as an ICE server's {@code username} and {@code credential}.
 *
 * @param expiresAt Unix time in seconds after which the server refuses it
 */
public record TurnCredential(String username, String password, long expiresAt) {
    @Override
    public String toString() {
        return "TurnCredential[username=" + username + ", expiresAt=" + expiresAt + "]";
    }
}
