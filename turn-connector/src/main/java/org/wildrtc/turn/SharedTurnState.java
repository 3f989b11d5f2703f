package org.wildrtc.turn;

/**
 * What the event loops of one server share: the nonce key and failure counts (a client's sockets
 * may land on different loops), the quota ledger and the statistics.
 */
public final class SharedTurnState {
    final TurnConfig config;
    final TurnStats stats;
    final Authenticator authenticator;
    final QuotaLedger ledger;
    final LiveAllocations live = new LiveAllocations();
    /** Whether an admin asked for a drain: new Allocates are refused, the rest goes on. */
    private volatile boolean draining;

    public SharedTurnState(TurnConfig config) {
        this.config = config;
        this.stats = new TurnStats();
        this.authenticator = new Authenticator(config, stats);
        this.ledger = new QuotaLedger(config.quotas());
    }

    public TurnStats stats() {
        return stats;
    }

    /** Every live allocation, for admins; any thread may read it. */
    public LiveAllocations allocations() {
        return live;
    }

    public void drain(boolean draining) {
        this.draining = draining;
    }

    public boolean draining() {
        return draining;
    }
}
