package org.wildrtc.turn;

/**
 * What a source address may cost before it authenticates.
 *
 * @param maxFailuresPerMinute   failed authentications one source address may make within a minute, each
 *                               with a nonce this server issued to that address, before its requests are
 *                               ignored for the rest of the minute (RFC 8656 §21.1.2: it slows guessing)
 * @param maxChallengesPerSecond 401 and 438 answers per second to one source address over UDP, where the
 *                               source may be spoofed and the answer, six times the request's size, would be
 *                               reflected at it; the rest are dropped. 0 = unlimited
 */
public record AuthLimits(int maxFailuresPerMinute, int maxChallengesPerSecond) {

    public AuthLimits {
        if (maxFailuresPerMinute < 1 || maxChallengesPerSecond < 0) {
            throw new IllegalArgumentException("maxAuthFailuresPerMinute must be at least 1 and "
                    + "maxChallengesPerSecond at least 0 (0: unlimited)");
        }
    }
}
