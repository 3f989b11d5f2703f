package org.wildrtc.room;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client ids are capabilities: whoever holds one may post, register and leave for it, so they
 * are 128 random bits (AppRTC's 8 digits could be guessed). Base64url keeps them inside AppRTC's
 * id alphabet {@code [a-zA-Z0-9-_]}.
 */
public final class ClientIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 16;

    private ClientIds() {
    }

    public static String random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
