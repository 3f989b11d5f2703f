// The signaling WebSocket (Collider's protocol): register, send, and reconnect with backoff.
import {Backoff} from './backoff.js';
import {classifyError, parseServerText, registerFrame} from './protocol.js';

/**
 * Calls back:
 * - `onEvent(event)` with each server frame parsed by protocol.parseServerText;
 * - `onState(state)`: 'connecting' | 'open' | 'reconnecting' | 'closed';
 * - `onExpired(reason)`: this member's place in the room is gone (grace period over); join again.
 * Frames sent while the socket is down are kept and sent after registering again.
 */
export class SignalingChannel {
    constructor({url, roomId, clientId, onEvent, onState, onExpired, grace = 10000}) {
        this.url = url;
        this.roomId = roomId;
        this.clientId = clientId;
        this.onEvent = onEvent;
        this.onState = onState;
        this.onExpired = onExpired;
        this.backoff = new Backoff({grace});
        this.socket = null;
        this.outbox = [];
        this.registered = false;
        this.stopped = false;
        this.timer = null;
        this.stableTimer = null;
    }

    connect() {
        if (this.stopped) {
            return;
        }
        if (!this.backoff.withinGrace(Date.now())) {
            // Registering again cannot work any more: the server has let this member go.
            this.stop();
            this.onExpired('grace');
            return;
        }
        this.onState(this.backoff.since === null ? 'connecting' : 'reconnecting');
        let socket;
        try {
            socket = new WebSocket(this.url);
        } catch (error) {
            console.warn('Signaling: cannot open the WebSocket:', error.message);
            this.scheduleReconnect();
            return;
        }
        this.socket = socket;
        socket.addEventListener('open', () => {
            if (socket !== this.socket) {
                return;
            }
            socket.send(registerFrame(this.roomId, this.clientId));
            this.registered = true;
            console.info('Signaling: registered');
            this.flush();
            this.onState('open');
            // Count the connection as good once it has stayed up a while.
            clearTimeout(this.stableTimer);
            this.stableTimer = setTimeout(() => this.backoff.reset(), 3000);
        });
        socket.addEventListener('message', (event) => {
            if (socket !== this.socket) {
                return;
            }
            for (const frame of parseServerText(event.data)) {
                if (frame.kind === 'error') {
                    this.handleError(frame);
                } else {
                    this.onEvent(frame);
                }
            }
        });
        socket.addEventListener('close', (event) => {
            if (socket !== this.socket) {
                return;
            }
            this.socket = null;
            this.registered = false;
            clearTimeout(this.stableTimer);
            if (this.stopped) {
                return;
            }
            console.warn(`Signaling: socket closed (${event.code}${event.reason ? ` ${event.reason}` : ''})`);
            this.scheduleReconnect();
        });
    }

    handleError({error, code}) {
        const kind = classifyError(code);
        console.warn(`Signaling error ${code} (${kind}): ${error}`);
        if (kind === 'rejoin') {
            this.stop();
            this.onExpired('unknown-client');
        }
        // 'retry' and 'fatal': the server closes the socket and the close handler reconnects.
        // 'unknown-peer' and 'ignore': the socket stays open; the peer's 'left' event follows.
        this.onEvent({kind: 'error', error, class: kind});
    }

    scheduleReconnect() {
        if (this.stopped) {
            return;
        }
        const now = Date.now();
        this.backoff.start(now);
        this.onState('reconnecting');
        const delay = this.backoff.next(now);
        console.info(`Signaling: reconnecting in ${delay} ms`);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.connect(), delay);
    }

    /** Sends a frame, or keeps it until the socket is registered again. */
    send(frame) {
        if (this.socket && this.registered && this.socket.readyState === WebSocket.OPEN) {
            this.socket.send(frame);
        } else if (!this.stopped) {
            this.outbox.push(frame);
        }
    }

    flush() {
        const frames = this.outbox;
        this.outbox = [];
        for (const frame of frames) {
            this.socket.send(frame);
        }
    }

    /** True when frames go out at once. */
    get open() {
        return !!this.socket && this.registered && this.socket.readyState === WebSocket.OPEN;
    }

    /** Closes for good (after sending what is already queued on the socket). */
    stop() {
        this.stopped = true;
        clearTimeout(this.timer);
        clearTimeout(this.stableTimer);
        this.outbox = [];
        const socket = this.socket;
        this.socket = null;
        if (socket && socket.readyState <= WebSocket.OPEN) {
            socket.close(1000, 'bye');
        }
        this.onState('closed');
    }
}
