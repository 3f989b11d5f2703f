// Who offers, who answers, and the bookkeeping of one call's peers: pure, no DOM or WebRTC.
// The session of each peer is opaque here (a PeerSession in the browser: peer-session.js).

/**
 * What to do right after joining (docs/api.md "How our client runs a call", step 3):
 * an offer queued in the join answer came from the member already there (`peers[0]`), so answer
 * it; otherwise the newcomer offers to everyone already in the room, so there is never glare.
 * Returns `{answer: {peer, messages} | null, offerTo: [peerId…]}`.
 */
export function initialPlan({peers = [], messages = [], peerId = ''}) {
    const others = peers.filter((p) => p && p !== peerId);
    const hasOffer = messages.some((m) => m && m.type === 'offer');
    if (hasOffer && others.length > 0) {
        return {answer: {peer: others[0], messages}, offerTo: others.slice(1)};
    }
    return {answer: null, offerTo: others};
}

/** Messages about a member rather than its connection (chat.js): taken whether or not it has one. */
export const ABOUT_THE_MEMBER = ['hello', 'chat', 'presenting'];

/**
 * How to handle a signaling message from a peer. `peer` is its PeerState, or undefined when
 * the client has no connection to it yet. Returns `{create, action}`: `create` says to make an
 * answering connection first; `action` is `'offer'|'answer'|'candidate'|'bye'|'hello'|'chat'|'presenting'|'ignore'`.
 */
export function routeMessage(message, peer) {
    const type = message?.type;
    if (ABOUT_THE_MEMBER.includes(type)) {
        return {create: false, action: type};
    }
    if (!peer) {
        // A message from a peer with no connection yet creates one, as answerer (step 4); a bye
        // or an answer for a connection we do not have means nothing.
        if (type === 'offer' || type === 'candidate') {
            return {create: true, action: type};
        }
        return {create: false, action: 'ignore'};
    }
    if (type === 'answer' && peer.role !== 'offerer') {
        return {create: false, action: 'ignore'};
    }
    if (type === 'offer' || type === 'answer' || type === 'candidate' || type === 'bye') {
        return {create: false, action: type};
    }
    return {create: false, action: 'ignore'};
}

/**
 * After a connection failed: the offering side restarts ICE with a new offer once
 * (`'restart'`); the answering side waits for that offer the first time (`'wait'`); a second
 * failure is final (`'give-up'`).
 */
export function onConnectionFailed(peer) {
    peer.failures += 1;
    if (peer.failures > 1) {
        return 'give-up';
    }
    return peer.role === 'offerer' ? 'restart' : 'wait';
}

/** One remote member: its role, its session, candidates waiting for the remote description. */
export class PeerState {
    constructor(id, role, ordinal) {
        this.id = id;
        this.role = role;
        this.ordinal = ordinal;
        /** What the member calls itself (its hello), '' until it says. */
        this.name = '';
        this.session = null;
        /** Its IceRecovery (ice-recovery.js), made with the session. */
        this.recovery = null;
        this.pendingCandidates = [];
        this.remoteDescriptionSet = false;
        this.failures = 0;
        this.closed = false;
    }

    /** Keeps a candidate until the remote description is set; returns true when it was queued. */
    queueCandidate(candidate) {
        if (this.remoteDescriptionSet) {
            return false;
        }
        this.pendingCandidates.push(candidate);
        return true;
    }

    /** Marks the remote description set and hands over the queued candidates, in order. */
    takePendingCandidates() {
        this.remoteDescriptionSet = true;
        const pending = this.pendingCandidates;
        this.pendingCandidates = [];
        return pending;
    }
}

/** The peers of the call, by peer id. */
export class PeerBook {
    constructor() {
        this.peers = new Map();
        this.nextOrdinal = 1;
    }

    get(id) {
        return this.peers.get(id);
    }

    has(id) {
        return this.peers.has(id);
    }

    get size() {
        return this.peers.size;
    }

    ids() {
        return [...this.peers.keys()];
    }

    /** Adds a peer (role `'offerer'` or `'answerer'`: what this client is towards it). */
    add(id, role) {
        if (this.peers.has(id)) {
            throw new Error(`peer ${id} already has a connection`);
        }
        const peer = new PeerState(id, role, this.nextOrdinal++);
        this.peers.set(id, peer);
        return peer;
    }

    /** Removes a peer; returns its state (to close its connection) or undefined. */
    remove(id) {
        const peer = this.peers.get(id);
        if (!peer) {
            return undefined;
        }
        peer.closed = true;
        this.peers.delete(id);
        return peer;
    }

    /** Removes every peer; returns their states. */
    clear() {
        const all = [...this.peers.values()];
        for (const peer of all) {
            this.remove(peer.id);
        }
        return all;
    }
}

/** The display name of a remote peer: its own, else "Guest 1", "Guest 2", … in the order they appeared. */
export function peerLabel(peer) {
    return peer.name || `Guest ${peer.ordinal}`;
}
