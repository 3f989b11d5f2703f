package org.wildrtc.turn;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.wildrtc.stun.AttributeType;
import org.wildrtc.stun.ErrorCode;
import org.wildrtc.stun.MessageIntegrity;
import org.wildrtc.stun.MessageWriter;
import org.wildrtc.stun.PasswordAlgorithm;
import org.wildrtc.stun.RawAttribute;
import org.wildrtc.stun.StunMessage;
import org.wildrtc.stun.StunMethod;

/**
 * The long-term credential mechanism on the server side (RFC 8489 §9.2.4), shared by every TURN
 * request. Passwords and keys never reach a log line.
 */
final class Authenticator {
    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    /** RFC 8656 §21.1.2: failures are counted per minute. */
    private static final long FAILURE_WINDOW_SECONDS = 60;
    private static final long CHALLENGE_WINDOW_SECONDS = 1;

    private final TurnConfig config;
    private final AuthLimits limits;
    private final Nonces nonces;
    private final SourceWindows failures = new SourceWindows(FAILURE_WINDOW_SECONDS);
    private final SourceWindows challenges = new SourceWindows(CHALLENGE_WINDOW_SECONDS);
    private final TurnStats stats;
    private final Revocations revocations;
    private final AuthFailureLog failureLog = new AuthFailureLog();

    Authenticator(TurnConfig config, TurnStats stats, Revocations revocations) {
        this.revocations = revocations;
        this.config = config;
        this.limits = config.authLimits();
        this.nonces = nonces(config);
        this.stats = stats;
    }

    /**
     * With TURN REST credentials, nonces keyed by their secret as it is at start, so the nodes of a
     * cluster, which share it, accept each other's; else nonces only this server accepts.
     */
    private static Nonces nonces(TurnConfig config) {
        return config.credentials().stream().filter(RestCredentials.class::isInstance).map(RestCredentials.class::cast)
                .findFirst().map(rest -> rest.nonces(config.nonceLifetimeSeconds()))
                .orElseGet(() -> new Nonces(config.nonceLifetimeSeconds()));
    }

    /** True when the source has failed too often this minute: its requests are dropped unanswered. */
    boolean isBlocked(Exchange exchange) {
        if (failures.count(exchange.client.getAddress(), exchange.nowSeconds) >= limits.maxFailuresPerMinute()) {
            stats.refused(Refusal.AUTH_BLOCKED);
            failure(exchange, AuthFailure.RATE_LIMITED, true);
            return true;
        }
        return false;
    }

    /**
     * Checks the request's credentials. On success the exchange is marked authenticated and this
     * returns 0; otherwise it returns the size of the error response it wrote, or 0 when it dropped the
     * request instead (a challenge over the limit).
     */
    int authenticate(Exchange x) {
        StunMessage request = x.request;
        MessageIntegrity integrity = MessageIntegrity.of(request);
        if (integrity == null) {
            // The usual first request: no credentials yet, so the client learns realm and nonce.
            return challenge(x, ErrorCode.UNAUTHENTICATED);
        }
        Optional<String> username = request.text(AttributeType.USERNAME);
        Optional<String> nonce = request.text(AttributeType.NONCE);
        if (username.isEmpty() || request.text(AttributeType.REALM).isEmpty() || nonce.isEmpty()) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        switch (nonces.check(nonce.get(), x.client.getAddress(), x.nowSeconds)) {
            case STALE:
                failure(x, AuthFailure.STALE_NONCE, false);
                return challenge(x, ErrorCode.STALE_NONCE);
            case INVALID:
                // Not counted against the source: a nonce this server never gave that address proves
                // nothing about who sent it, and a spoofer who could make them count would lock the
                // address's owner out. Only its owner receives the nonces issued to it.
                return rejected(x, AuthFailure.BAD_INTEGRITY, false, "a nonce this server did not issue to that address");
            default:
                break;
        }
        PasswordAlgorithm algorithm = passwordAlgorithm(request);
        if (algorithm == null) {
            return x.fail(ErrorCode.BAD_REQUEST);
        }
        String name = username.get();
        CredentialSource source = null;
        List<byte[]> keys = List.of();
        for (CredentialSource candidate : config.credentials()) {
            keys = candidate.keys(name, config.realm(), algorithm);
            if (!keys.isEmpty()) {
                source = candidate;
                break;
            }
        }
        if (source == null) {
            return failed(x, AuthFailure.UNKNOWN_USER, "an unknown username, or a user whose key is not for "
                    + algorithm);
        }
        byte[] key = keys.stream().filter(candidate -> integrity.verify(request, candidate)).findFirst().orElse(null);
        if (key == null) {
            return failed(x, AuthFailure.BAD_INTEGRITY, "a wrong password");
        }
        // A REST credential past its expiry makes no new allocation; by default what it made goes on
        // (Refresh, permissions, channels), so a call outlives the credential it started with.
        if (source.expired(name, x.nowSeconds)
                && (config.strictExpiry() || request.type().method() == StunMethod.ALLOCATE)) {
            return failed(x, AuthFailure.EXPIRED_CREDENTIAL, "a credential past its expiry");
        }
        x.authenticated(new Authenticated(name, key, integrity));
        return 0;
    }

    /**
     * Counts a failure and logs it at INFO, at most once a minute per source address: the reason, the
     * source and as much of the username as {@link AuthFailureLog#shown} gives; never a password, key,
     * nonce or whole credential. Only failures from a source that proved its address are logged (it
     * answered with a nonce issued to it): a spoofed UDP flood from ever new addresses would otherwise
     * write a line for each. So neither a challenge over the rate limit nor a nonce this server did not
     * issue is logged; nor a stale nonce, which every client meets when its nonce ages out (RFC 8489
     * §9.2.4) and answers at once.
     */
    private void failure(Exchange x, AuthFailure reason, boolean logged) {
        stats.authFailed(reason);
        if (logged && failureLog.shouldLog(x.client.getAddress(), x.nowSeconds)) {
            LOG.infof("TURN authentication from %s failed: %s (username %s); further failures from it are not "
                    + "logged for a minute", x.client.getAddress().getHostAddress(), reason.key(),
                    AuthFailureLog.shown(x.request.text(AttributeType.USERNAME).orElse(null)));
        }
    }

    /** Whether the authenticated user of {@code x} was revoked by an admin and its credential has not expired. */
    boolean isRevoked(Exchange x) {
        return revocations.isRevoked(x.auth().username(), x.nowSeconds);
    }

    /** The 403 a revoked user's Allocate or Refresh gets, counted as an authentication failure. */
    int refuseRevoked(Exchange x) {
        failure(x, AuthFailure.REVOKED, true);
        return x.fail(ErrorCode.FORBIDDEN);
    }

    /**
     * RFC 8489 §9.2.4: a client that names a PASSWORD-ALGORITHM must echo our PASSWORD-ALGORITHMS
     * unchanged (which defeats downgrades); without one, MD5 is used.
     */
    private static PasswordAlgorithm passwordAlgorithm(StunMessage request) {
        Optional<RawAttribute> chosen = request.attribute(AttributeType.PASSWORD_ALGORITHM);
        if (chosen.isEmpty()) {
            return PasswordAlgorithm.MD5;
        }
        Optional<RawAttribute> offered = request.attribute(AttributeType.PASSWORD_ALGORITHMS);
        byte[] value = request.value(chosen.get());
        if (offered.isEmpty() || !Arrays.equals(request.value(offered.get()), PasswordAlgorithm.offered())
                || value.length < 4) {
            return null;
        }
        return PasswordAlgorithm.valueOf(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
    }

    /** A failure with a nonce issued to the source address, which counts toward ignoring that address. */
    private int failed(Exchange x, AuthFailure failure, String reason) {
        if (failures.add(x.client.getAddress(), x.nowSeconds) == limits.maxFailuresPerMinute()) {
            LOG.warnf("TURN authentication from %s failed %d times within a minute (last: %s); ignoring it for the "
                    + "rest of the minute", x.client.getAddress().getHostAddress(), limits.maxFailuresPerMinute(),
                    reason);
        }
        return rejected(x, failure, true, reason);
    }

    /** A 401 for credentials that do not verify; {@code logged} as {@link #failure} says. */
    private int rejected(Exchange x, AuthFailure failure, boolean logged, String reason) {
        failure(x, failure, logged);
        LOG.debugf("TURN authentication from %s failed: %s", x.client, reason);
        return challenge(x, ErrorCode.UNAUTHENTICATED);
    }

    /**
     * A 401 or 438 with a fresh nonce, the realm and the password algorithms we offer; nothing (0) when
     * the source had its share of challenges this second over UDP. A challenge is six times the size of
     * the request that earns it, and a UDP source may be spoofed: unlimited, the server would reflect
     * floods at whoever the spoofer names. A TCP or TLS source finished a handshake from its address.
     */
    private int challenge(Exchange x, ErrorCode code) {
        if (!x.overStream && limits.maxChallengesPerSecond() > 0
                && challenges.add(x.client.getAddress(), x.nowSeconds) > limits.maxChallengesPerSecond()) {
            stats.refused(Refusal.CHALLENGE_RATE);
            failure(x, AuthFailure.RATE_LIMITED, false);
            return 0;
        }
        x.challenged();
        MessageWriter writer = x.error(code)
                .text(AttributeType.REALM, config.realm())
                .text(AttributeType.NONCE, nonces.issue(x.client.getAddress(), x.nowSeconds))
                .attribute(AttributeType.PASSWORD_ALGORITHMS, PasswordAlgorithm.offered());
        return x.finish(writer);
    }
}
