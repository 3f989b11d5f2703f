// This member's place in the room: POST /join, POST /leave, and when to join again after the
// server let it go (docs/api.md "Room API").
import {Backoff} from './backoff.js';
import {parseJoinResponse} from './join.js';
import {joinPath, leavePath} from './room.js';

/** Joins again after losing the place: about two minutes of a server out of reach. */
export const MAX_REJOINS = 8;
// A place held this long counts as a good one again: the next loss starts the delays over.
const STABLE_MS = 30000;

export class RoomSession {
    constructor({room, search}) {
        this.room = room;
        this.search = search;
        /** The join answer while this member has a place (join.js parseJoinResponse), else null. */
        this.joined = null;
        this.rejoins = 0;
        // Rejoin delays: 0.5 s doubling up to 30 s, with jitter. No grace period applies to a rejoin.
        this.backoff = new Backoff({initialDelay: 500, maxDelay: 30000, grace: 0});
        this.stableTimer = null;
    }

    get roomId() {
        return this.joined?.roomId || this.room;
    }

    /**
     * POST /join: the parsed answer (`kind` 'joined', 'full', 'maintenance', 'error'), or
     * `{kind: 'unreachable', reason}` when no answer came.
     */
    async join() {
        let body;
        try {
            const response = await fetch(joinPath(this.room, this.search), {
                method: 'POST', cache: 'no-store', headers: {Accept: 'application/json'},
            });
            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }
            body = await response.json();
        } catch (error) {
            console.warn('Join failed:', error.message);
            return {kind: 'unreachable', reason: error.message};
        }
        const answer = parseJoinResponse(body);
        if (answer.kind === 'joined') {
            this.joined = answer;
            clearTimeout(this.stableTimer);
            this.stableTimer = setTimeout(() => {
                this.rejoins = 0;
                this.backoff.reset();
            }, STABLE_MS);
        }
        return answer;
    }

    /** The delay before joining again, in ms; null when it has been tried too often. */
    nextRejoinDelay() {
        clearTimeout(this.stableTimer);
        this.rejoins += 1;
        return this.rejoins > MAX_REJOINS ? null : this.backoff.next(Date.now());
    }

    /** POST /leave/{room}/{client}, by beacon when the page is going away; nothing without a place. */
    leave(unloading) {
        if (!this.joined) {
            return;
        }
        const url = leavePath(this.roomId, this.joined.clientId);
        this.joined = null;
        clearTimeout(this.stableTimer);
        if (unloading && navigator.sendBeacon && navigator.sendBeacon(url)) {
            return;
        }
        fetch(url, {method: 'POST', keepalive: true}).catch((error) => {
            console.warn('Leave failed:', error.message);
        });
    }
}
