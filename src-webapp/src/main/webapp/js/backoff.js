// When to try the signaling socket again after it dropped. Pure: time and randomness are passed in.

/**
 * Exponential backoff with jitter for reconnecting the WebSocket. The server keeps a member whose
 * socket dropped for a grace period (10 s): attempts come quickly (0.25 s, 0.5 s, 1 s, then every
 * 2 s) while re-registering can still keep the member's place; after it, the member has to join
 * again, and the attempts slow down up to `maxDelay`.
 */
export class Backoff {
    constructor({initialDelay = 250, graceDelay = 2000, maxDelay = 15000, grace = 10000, jitter = 0.2,
                    random = Math.random} = {}) {
        this.initialDelay = initialDelay;
        this.graceDelay = graceDelay;
        this.maxDelay = maxDelay;
        this.grace = grace;
        this.jitter = jitter;
        this.random = random;
        this.reset();
    }

    /** Forgets earlier attempts (after a connection that worked). */
    reset() {
        this.attempt = 0;
        this.since = null;
    }

    /** Marks when the connection was lost; later calls keep the first time. */
    start(now) {
        if (this.since === null) {
            this.since = now;
        }
    }

    /** True while re-registering may still keep this member's place in the room. */
    withinGrace(now) {
        return this.since === null || now - this.since < this.grace;
    }

    /** The delay before the next attempt, in ms. */
    next(now) {
        this.start(now);
        const cap = this.withinGrace(now) ? this.graceDelay : this.maxDelay;
        const base = Math.min(cap, this.initialDelay * 2 ** this.attempt);
        this.attempt += 1;
        const spread = base * this.jitter;
        let delay = Math.round(base - spread + this.random() * 2 * spread);
        if (this.withinGrace(now)) {
            // Never plan an attempt past the end of the grace period when one fits before it.
            const left = this.since + this.grace - now - 500;
            if (left > 0) {
                delay = Math.min(delay, left);
            }
        }
        return Math.max(0, delay);
    }
}
