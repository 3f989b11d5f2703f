// Collider's signaling frames and AppRTC's messages (docs/api.md "Signaling WebSocket"): pure, no DOM.
import {chatTextOf, nameOf} from './chat.js';

export function registerFrame(roomId, clientId) {
    return JSON.stringify({cmd: 'register', roomid: roomId, clientid: clientId, events: true});
}

/** A `send` frame: `message` is an object, sent as JSON text in `msg`, to one peer. */
export function sendFrame(message, to) {
    const frame = {cmd: 'send', msg: JSON.stringify(message)};
    if (to) {
        frame.to = to;
    }
    return JSON.stringify(frame);
}

/**
 * One WebSocket text message from the server, as a list of events (the server ends each frame
 * with a newline; a text may hold more than one):
 * `{kind: 'message', from, message}`, `{kind: 'joined'|'left', peer}`, `{kind: 'error', error, code}`,
 * `{kind: 'invalid', text}`.
 */
export function parseServerText(text) {
    return String(text).split('\n').filter((line) => line.trim() !== '').map(parseServerFrame);
}

export function parseServerFrame(line) {
    let frame;
    try {
        frame = JSON.parse(line);
    } catch {
        return {kind: 'invalid', text: line};
    }
    if (!frame || typeof frame !== 'object') {
        return {kind: 'invalid', text: line};
    }
    if (frame.error) {
        return {kind: 'error', error: String(frame.error), code: typeof frame.code === 'string' ? frame.code : ''};
    }
    if (frame.event === 'joined' || frame.event === 'left') {
        return {kind: frame.event, peer: String(frame.peer ?? '')};
    }
    if (frame.event) {
        return {kind: 'invalid', text: line};
    }
    const message = parseMessage(frame.msg);
    if (!message) {
        return {kind: 'invalid', text: line};
    }
    return {kind: 'message', from: typeof frame.from === 'string' ? frame.from : '', message};
}

/** An AppRTC message (JSON text, or already an object) checked for the fields its type needs. */
export function parseMessage(msg) {
    let message = msg;
    if (typeof msg === 'string') {
        if (msg === '') {
            return null;
        }
        try {
            message = JSON.parse(msg);
        } catch {
            return null;
        }
    }
    if (!message || typeof message !== 'object') {
        return null;
    }
    switch (message.type) {
        case 'offer':
        case 'answer':
            return typeof message.sdp === 'string' ? {type: message.type, sdp: message.sdp} : null;
        case 'candidate':
            return typeof message.candidate === 'string' ? {
                type: 'candidate',
                label: Number.isInteger(message.label) ? message.label : Number(message.label) || 0,
                id: message.id == null ? null : String(message.id),
                candidate: message.candidate,
            } : null;
        case 'bye':
            return {type: 'bye'};
        // What members tell each other about themselves (chat.js), cleaned as it arrives.
        case 'hello':
            return {type: 'hello', name: nameOf(message)};
        case 'chat': {
            const text = chatTextOf(message);
            return text ? {type: 'chat', text} : null;
        }
        case 'presenting':
            return {type: 'presenting', on: message.on === true};
        default:
            return null;
    }
}

/** AppRTC's candidate message for an RTCIceCandidate (or its init dictionary). */
export function candidateMessage(candidate) {
    return {type: 'candidate', label: candidate.sdpMLineIndex, id: candidate.sdpMid, candidate: candidate.candidate};
}

/** The RTCIceCandidateInit for a candidate message. */
export function candidateInit(message) {
    return {candidate: message.candidate, sdpMLineIndex: message.label, sdpMid: message.id};
}

/** The error codes (docs/api.md, "Errors") that each meaning covers; any other code is `fatal`. */
const ERROR_MEANINGS = new Map([
    ['unknown-client', 'rejoin'], ['room-full', 'rejoin'],
    ['already-registered', 'retry'], ['register-timeout', 'retry'],
    ['unknown-peer', 'unknown-peer'],
    ['too-many-messages', 'ignore'], ['queue-full', 'ignore'], ['room-queue-full', 'ignore'], ['backed-up', 'ignore'],
    ['unknown-cmd', 'ignore'],
]);

/**
 * What a server error means to the client, by its `code` (the `error` text is Collider's wording, for
 * people and logs, and may change):
 * - `rejoin`: the member is gone (grace period over, or never joined): join the room again;
 * - `retry`: the socket is closed, but registering again later may work;
 * - `unknown-peer`: a `send` named a peer that has left; the socket stays open;
 * - `ignore`: the socket stays open (rate limit, queue full, unknown command);
 * - `fatal`: a bug of this client; the socket is closed.
 */
export function classifyError(code) {
    return ERROR_MEANINGS.get(code) ?? 'fatal';
}
