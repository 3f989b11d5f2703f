package org.wildrtc.turn;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import org.wildrtc.stun.Hmac;

/**
 * Stateless nonces (RFC 8489 §9.2): the expiry and an HMAC of it and the client's IP address. A nonce
 * from another client or past its expiry is refused, and the server keeps no table of them. Nodes
 * with the same key accept each other's nonces, so a client that fails over to another node of a
 * cluster is not sent back to the start: the key is derived from the TURN REST secret the nodes
 * share ({@link #sharedBy}).
 */
public final class Nonces {
    /**
     * RFC 8489 §9.2: the nonce cookie "obMatJos2" then the security feature set, base64; bit 0
     * (password algorithms) is set, so RFC 8489 clients look for PASSWORD-ALGORITHMS.
     */
    static final String COOKIE = "obMatJos2gAAA";
    private static final int MAC_BYTES = 12;

    /** What the key is derived with, so a nonce key is never a key for anything else made of the secret. */
    private static final byte[] KEY_LABEL = "WildRTC TURN nonce key".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;
    private final long lifetimeSeconds;

    /** Nonces under a key made at random: only this server accepts them. */
    public Nonces(long lifetimeSeconds) {
        this(randomKey(), lifetimeSeconds);
    }

    private Nonces(byte[] key, long lifetimeSeconds) {
        this.key = key;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    /** Nonces every server holding {@code secret} accepts: the key is an HMAC of a fixed label under it. */
    public static Nonces sharedBy(byte[] secret, long lifetimeSeconds) {
        return new Nonces(Hmac.sha256(secret).doFinal(KEY_LABEL), lifetimeSeconds);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public enum Check { VALID, STALE, INVALID }

    public String issue(InetAddress client, long nowSeconds) {
        long expiry = nowSeconds + lifetimeSeconds;
        byte[] token = ByteBuffer.allocate(8 + MAC_BYTES).putLong(expiry).put(mac(expiry, client)).array();
        return COOKIE + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    public Check check(String nonce, InetAddress client, long nowSeconds) {
        if (!nonce.startsWith(COOKIE)) {
            return Check.INVALID;
        }
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(nonce.substring(COOKIE.length()));
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        if (token.length != 8 + MAC_BYTES) {
            return Check.INVALID;
        }
        long expiry = ByteBuffer.wrap(token).getLong();
        if (!MessageDigest.isEqual(mac(expiry, client), Arrays.copyOfRange(token, 8, token.length))) {
            return Check.INVALID;
        }
        return expiry < nowSeconds ? Check.STALE : Check.VALID;
    }

    private byte[] mac(long expiry, InetAddress client) {
        Mac mac = Hmac.sha256(key);
        mac.update(ByteBuffer.allocate(8).putLong(expiry).array());
        mac.update(client.getHostAddress().getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }
}
