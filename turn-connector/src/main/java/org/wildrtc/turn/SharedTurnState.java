package org.wildrtc.turn;

import java.util.concurrent.TimeUnit;

/**
 * What the event loops of one server share: the nonce key and failure counts (a client's sockets
 * may land on different loops), the quota ledger and the statistics; and what an admin changes at
 * run time from another thread: the drain, the revocations, the list of live allocations.
 */
public final class SharedTurnState {
    private static final long REVOKE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    final TurnConfig config;
    final TurnStats stats;
    final Authenticator authenticator;
    final QuotaLedger ledger;
    final LiveAllocations live = new LiveAllocations();
    private final Revocations revocations = new Revocations();
    /** Whether an admin asked for a drain: new Allocates are refused, the rest goes on. */
    private volatile boolean draining;

    public SharedTurnState(TurnConfig config) {
        this.config = config;
        this.stats = new TurnStats();
        this.authenticator = new Authenticator(config, stats, revocations);
        this.ledger = new QuotaLedger(config.quotas());
    }

    public TurnStats stats() {
        return stats;
    }

    /** Every live allocation, for admins; any thread may read it. */
    public LiveAllocations allocations() {
        return live;
    }

    /**
     * Revokes {@code username}: its Allocates and Refreshes are refused (403) from now until its
     * credential expires, and its allocations are closed on their loops, waited for at most 5 s.
     *
     * @return how many allocations were closed
     * @throws IllegalStateException when the revocation table is full
     */
    public int revoke(String username, long nowSeconds) {
        revocations.revoke(username, nowSeconds);
        return live.close(username, REVOKE_WAIT_NANOS);
    }

    public void drain(boolean draining) {
        this.draining = draining;
    }

    public boolean draining() {
        return draining;
    }
}
