package org.wildrtc.stun;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMACs (RFC 2104) STUN and TURN use, keyed and ready for {@code update}: HMAC-SHA1 for
 * MESSAGE-INTEGRITY (RFC 8489 §14.5) and TURN REST passwords, HMAC-SHA256 for
 * MESSAGE-INTEGRITY-SHA256 (§14.6) and our nonces. A Mac is not thread-safe, so each call makes one.
 */
public final class Hmac {
    private static final String SHA1 = "HmacSHA1";
    private static final String SHA256 = "HmacSHA256";

    private Hmac() {
    }

    public static Mac sha1(byte[] key) {
        return keyed(SHA1, key);
    }

    public static Mac sha256(byte[] key) {
        return keyed(SHA256, key);
    }

    private static Mac keyed(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
