// Reads every peer connection's statistics on one timer and hands each peer's summary on
// (netstats.js): the network indicator, the speaking indicator and the tests read them off the page.
import {summarize} from './netstats.js';

export class PeerMonitor {
    /** `onSummary(peerId, summary)` after each reading of a peer. */
    constructor({onSummary, intervalMs = 1000}) {
        this.onSummary = onSummary;
        this.intervalMs = intervalMs;
        /** peer id → {connection, previous summary} */
        this.watched = new Map();
        this.timer = null;
    }

    watch(peerId, connection) {
        this.watched.set(peerId, {connection, previous: null});
        if (!this.timer) {
            this.timer = setInterval(() => this.readAll(), this.intervalMs);
        }
    }

    unwatch(peerId) {
        this.watched.delete(peerId);
        if (this.watched.size === 0) {
            this.stop();
        }
    }

    stop() {
        clearInterval(this.timer);
        this.timer = null;
        this.watched.clear();
    }

    readAll() {
        for (const [peerId, entry] of this.watched) {
            entry.connection.getStats().then((report) => {
                if (this.watched.get(peerId) !== entry) {
                    return;  // the peer left meanwhile
                }
                const summary = summarize(report.values(), entry.previous);
                entry.previous = summary;
                this.onSummary(peerId, summary);
            }).catch((error) => {
                console.warn('getStats failed:', error.name, error.message);
            });
        }
    }
}
