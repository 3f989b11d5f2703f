package org.wildrtc.jca.api;

import java.util.List;

/** A handle on the STUN/TURN server running in the resource adapter. */
public interface TurnConnection extends AutoCloseable {

    /**
     * STUN URIs (RFC 7064) of the listeners, for example {@code stun:meet.example.org:3478}.
     *
     * @param host the host the client used to reach the application, as in a URI authority without
     *             its port (a DNS name, an IPv4 literal or a bracketed IPv6 literal), or null when
     *             unknown; the connector decides whether it can be named (see {@link #turnUris(String)})
     */
    List<String> stunUris(String host);

    /**
     * TURN URIs (RFC 7065) of the listeners, for example {@code turn:meet.example.org:3478?transport=udp}.
     * They name the connector's own TURN host when one is configured, else {@code host} when it is a
     * name or an address clients can use, else the address the connector advertises.
     *
     * @param host as for {@link #stunUris(String)}
     */
    List<String> turnUris(String host);

    /** Mints an ephemeral credential for {@code user}, valid for {@code ttlSeconds}. */
    TurnCredential mintCredential(String user, long ttlSeconds);

    /** The live counters; cheap enough to ask for at every metrics scrape. */
    TurnStatistics statistics();

    /** Whether the server can serve (listeners, event loops, drain), for readiness and liveness checks. */
    TurnHealth health();

    /**
     * The live allocations, oldest first.
     *
     * @param offset how many to skip
     * @param limit  at most how many to return (the connector caps it at 1000)
     * @throws IllegalArgumentException when offset or limit is negative
     */
    AllocationPage allocations(int offset, int limit);

    /**
     * Closes every allocation of {@code username} now, and refuses its Allocate and Refresh requests
     * (403) until its credential expires: an ephemeral username until the expiry it carries, a static
     * user until the server restarts.
     *
     * @return how many allocations were closed (waited for at most 5 s; one whose event loop is stuck
     *         is closed later and not counted)
     * @throws IllegalStateException when the server already holds as many revocations as it may (10000
     *                               unexpired)
     */
    int revoke(String username);

    /**
     * Replaces the TURN REST secrets at run time: credentials are minted with the first, and any of
     * them verifies (so a rotation keeps credentials minted with the old one valid while it is listed).
     * Not kept across a restart: the resource adapter's {@code authSecret} config-property is.
     *
     * @throws IllegalArgumentException when the list is empty or holds an empty secret
     */
    void authSecrets(List<String> secrets);

    /** How many REST secrets verify now (the secrets themselves are never handed out). */
    int authSecretCount();

    /**
     * Starts ({@code true}) or ends a drain: while draining, new Allocates are refused (300 Try
     * Alternate with ALTERNATE-SERVER when the connector has an alternate server, else 508; over TLS
     * always 508, as a TLS client would check the alternate against this server's certificate name)
     * and the existing allocations go on until they end. Not kept across a restart.
     */
    void drain(boolean draining);

    boolean draining();

    /** Gives the handle back; it cannot be used afterwards. */
    @Override
    void close();
}
