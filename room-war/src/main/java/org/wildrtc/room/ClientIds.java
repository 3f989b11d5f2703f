package org.wildrtc.room;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random ids in AppRTC's id alphabet {@code [a-zA-Z0-9-_]} (base64url). Client ids are
 * capabilities: whoever holds one may post, register and leave for it, so they are 128 random bits
 * (AppRTC's 8 digits could be guessed). Peer ids are public inside a room; 96 bits keep them unique.
 * TURN users, the part after the expiry in an ephemeral TURN username, are public too (STUN carries
 * them in clear) and unique per client in the same way.
 */
public final class ClientIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientIds() {
    }

    public static String clientId() {
        return random(16);
    }

    static String peerId() {
        return random(12);
    }

    public static String turnUser() {
        return random(12);
    }

    /**
     * The key under which open registration keeps a member whose id it did not mint. Collider's client
     * ids name a client within its room only, and an AppRTC room server's are 8 digits, so the same id
     * may well be in use in another room: the room's id goes into the key. The colon is in neither id's
     * alphabet ({@link IdRule}), so no key of this kind is a minted id or another room's.
     */
    public static String adopted(String roomId, String clientId) {
        return roomId + ":" + clientId;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
