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
 * Stateless nonces (RFC 8489 §9.2): the expiry and an HMAC of it and the client's IP address, under a
 * key made at start. A nonce from another client or past its expiry is refused, and the server keeps
 * no table of them.
 */
public final class Nonces {
    /**
     * RFC 8489 §9.2: the nonce cookie "obMatJos2" then the security feature set, base64; bit 0
     * (password algorithms) is set, so RFC 8489 clients look for PASSWORD-ALGORITHMS.
     */
    static final String COOKIE = "obMatJos2gAAA";
    private static final int MAC_BYTES = 12;

    private final byte[] key = new byte[32];
    private final long lifetimeSeconds;

    public Nonces(long lifetimeSeconds) {
        new SecureRandom().nextBytes(key);
        this.lifetimeSeconds = lifetimeSeconds;
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
