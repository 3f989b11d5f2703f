package org.wildrtc.turn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Which failed authentications reach the log: at most one a minute per source address, so a client
 * retrying with a bad credential, or a scanner, cannot flood it. The table of sources is a bounded
 * cache; a flood of sources evicts entries (and may then log a source again sooner).
 */
public final class AuthFailureLog {
    static final long INTERVAL_SECONDS = 60;
    private static final int MAX_SOURCES = 10_000;
    /** How much of the user part of a username a log line shows. */
    private static final int SHOWN_CHARACTERS = 2;

    private final Cache<InetAddress, Long> lastLogged = Caffeine.newBuilder()
            .maximumSize(MAX_SOURCES)
            .expireAfterWrite(Duration.ofSeconds(INTERVAL_SECONDS))
            // Upkeep runs on the event loop that writes, not on a pool thread the container does not manage.
            .executor(Runnable::run)
            .build();

    /** Whether a failure of {@code source} at {@code nowSeconds} is logged; if so, the next minute's are not. */
    boolean shouldLog(InetAddress source, long nowSeconds) {
        boolean[] log = new boolean[1];
        lastLogged.asMap().compute(source, (address, last) -> {
            log[0] = last == null || nowSeconds - last >= INTERVAL_SECONDS;
            return log[0] ? nowSeconds : last;
        });
        return log[0];
    }

    /**
     * As much of a username as a log line may show: a TURN REST username's expiry and the first
     * characters of its user, {@code 1733250000:al…}; a static user's first characters. The rest may
     * identify a person, and a whole REST username is half of a credential.
     */
    public static String shown(String username) {
        if (username == null) {
            return "(none)";
        }
        int colon = username.indexOf(':');
        String expiry = colon >= 0 && RestCredentials.expiry(username).isPresent() ? username.substring(0, colon + 1)
                : "";
        String user = username.substring(expiry.length());
        return expiry + (user.length() <= SHOWN_CHARACTERS ? user : user.substring(0, SHOWN_CHARACTERS) + "…");
    }
}
