// Keeping one peer's connection up: a watchdog for connections that never get anywhere, one ICE
// restart from the offering side, then giving up (peers.js onConnectionFailed has the rule).
import {onConnectionFailed} from './peers.js';

// A connection that is not up this long after it was made (or restarted) counts as failed: with
// no usable candidate pair at all (a TURN server out of reach with it=relay) the browser never
// reports 'failed' by itself.
export const CONNECT_TIMEOUT_MS = 20000;
// How long the answering side waits for the offerer's ICE restart.
export const ANSWERER_WAIT_MS = 20000;

export class IceRecovery {
    /**
     * `peer` is the PeerState; `connectionState()` reads the connection's state; `restart()`
     * sends the ICE restart offer; `onChange(status)` with 'connected' | 'restarting' | 'waiting' | 'gave-up'.
     */
    constructor(peer, {connectionState, restart, onChange}) {
        this.peer = peer;
        this.connectionState = connectionState;
        this.restart = restart;
        this.onChange = onChange;
        this.watchdog = null;
        this.waitTimer = null;
        this.gaveUp = false;
    }

    /** (Re)starts the watchdog: made, restarted, or disconnected. */
    arm() {
        clearTimeout(this.watchdog);
        this.watchdog = setTimeout(() => {
            const state = this.connectionState();
            if (!this.peer.closed && state !== 'connected' && state !== 'failed' && !this.gaveUp) {
                console.warn(`${this.peer.id}: still ${state} after ${CONNECT_TIMEOUT_MS / 1000} s`);
                this.failed();
            }
        }, CONNECT_TIMEOUT_MS);
    }

    /** The connection's state changed. */
    onState(state) {
        if (state === 'connected') {
            this.stop();
            this.gaveUp = false;
            this.onChange('connected');
        } else if (state === 'failed') {
            this.failed();
        } else if (state === 'disconnected') {
            this.arm();
        }
    }

    failed() {
        clearTimeout(this.watchdog);
        const action = onConnectionFailed(this.peer);
        if (action === 'restart') {
            this.arm();
            this.onChange('restarting');
            this.restart();
        } else if (action === 'wait') {
            this.onChange('waiting');
            clearTimeout(this.waitTimer);
            this.waitTimer = setTimeout(() => {
                if (!this.peer.closed && this.connectionState() !== 'connected') {
                    this.peer.failures = Math.max(this.peer.failures, 2);
                    this.giveUp();
                }
            }, ANSWERER_WAIT_MS);
        } else {
            this.giveUp();
        }
    }

    giveUp() {
        this.gaveUp = true;
        this.onChange('gave-up');
    }

    stop() {
        clearTimeout(this.watchdog);
        clearTimeout(this.waitTimer);
    }
}
