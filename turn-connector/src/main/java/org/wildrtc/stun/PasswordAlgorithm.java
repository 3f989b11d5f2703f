package org.wildrtc.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How the long-term credential key is made from {@code username:realm:password} (RFC 8489 §9.2.2,
 * §18.5): MD5 by default, SHA-256 when the client chooses it with PASSWORD-ALGORITHM.
 */
public enum PasswordAlgorithm {
    MD5(0x0001, "MD5"),
    SHA256(0x0002, "SHA-256");

    private final int number;
    private final String digest;

    PasswordAlgorithm(int number, String digest) {
        this.number = number;
        this.digest = digest;
    }

    public int number() {
        return number;
    }

    public byte[] key(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance(digest)
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is part of every Java runtime", e);
        }
    }

    /** The algorithm a PASSWORD-ALGORITHM value names; null for one we do not know. */
    public static PasswordAlgorithm valueOf(int number) {
        for (PasswordAlgorithm algorithm : values()) {
            if (algorithm.number == number) {
                return algorithm;
            }
        }
        return null;
    }

    /** PASSWORD-ALGORITHMS (RFC 8489 §14.11): the ones we offer, most preferred first, no parameters. */
    public static byte[] offered() {
        return new byte[] {0, (byte) SHA256.number, 0, 0, 0, (byte) MD5.number, 0, 0};
    }
}
