package org.wildrtc.turn;

import org.wildrtc.stun.MessageIntegrity;

/**
 * A request that passed the long-term credential check; its response is signed the same way.
 *
 * @param username  the USERNAME the client used
 * @param key       the long-term key (RFC 8489 §9.2.2)
 * @param integrity the integrity attribute the request carried
 */
record Authenticated(String username, byte[] key, MessageIntegrity integrity) {
    @Override
    public String toString() {
        return "Authenticated[" + username + "]";
    }
}
