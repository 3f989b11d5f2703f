// One call: join the room, signal over the WebSocket, and keep a peer connection per member
// (docs/api.md "How our client runs a call").
import {MAINTENANCE_TEXT, parseJoinResponse, rtcConfiguration} from './join.js';
import {getLocalMedia, stopStream} from './media.js';
import {initialPlan, onConnectionFailed, PeerBook, peerLabel, routeMessage} from './peers.js';
import {candidateInit, candidateMessage, sendFrame} from './protocol.js';
import {joinPath, leavePath, wantsRelayOnly} from './room.js';
import {SignalingChannel} from './signaling.js';
import * as ui from './ui.js';

// A connection that is not up this long after it was made (or restarted) counts as failed: with
// no usable candidate pair at all (a TURN server out of reach with it=relay) the browser never
// reports 'failed' by itself.
const CONNECT_TIMEOUT_MS = 20000;
const ANSWERER_WAIT_MS = 20000;
const MAX_REJOINS = 8;  // about two minutes of a server out of reach

export class Call {
    /**
     * `hooks` is `window.wildrtc`: the call keeps its `state`, ids and `connections` current.
     */
    constructor({room, search, hooks}) {
        this.room = room;
        this.search = search;
        this.hooks = hooks;
        this.relayOnly = wantsRelayOnly(search);
        this.book = new PeerBook(hooks.connections);
        this.stream = null;
        this.joined = null;
        this.channel = null;
        this.rejoins = 0;
        this.micMuted = false;
        this.cameraOff = false;
        this.ended = false;
    }

    setState(state) {
        this.hooks.state = state;
        document.body.dataset.state = state;
        console.info(`Call state: ${state}`);
    }

    async start() {
        this.setState('joining');
        ui.clearAllNotices();
        ui.setRoomLabel(this.room, new URLSearchParams(this.search).get('mode'));
        ui.showView('call');
        ui.setControlsEnabled(false);
        ui.setStatus('Starting your camera and microphone…');

        const {stream, problem} = await getLocalMedia();
        if (this.ended) {
            stopStream(stream);
            return;
        }
        this.stream = stream;
        ui.showLocalStream(stream);
        this.reportMediaProblem(problem);
        this.updateToggles();
        await this.join();
    }

    reportMediaProblem(problem) {
        switch (problem) {
            case 'denied':
                ui.setNotice('media-denied', 'Camera and microphone access was blocked, so the others can\'t see '
                    + 'or hear you. You can still see and hear them. To take part, allow access in the browser\'s '
                    + 'site settings and rejoin.');
                ui.setLocalBadge('not sending');
                break;
            case 'no-camera':
                ui.setNotice('no-camera', 'No camera found (or it is in use by another app): you joined with '
                    + 'audio only.');
                ui.setLocalBadge('audio only');
                break;
            case 'no-microphone':
                ui.setLocalBadge('no microphone');
                break;
            case 'no-devices':
            case 'unsupported':
                ui.setNotice('no-camera', 'No camera or microphone found: you can see and hear the others, but '
                    + 'they can\'t see or hear you.');
                ui.setLocalBadge('not sending');
                break;
            default:
                ui.setLocalBadge('');
        }
    }

    async join(rejoining = false) {
        ui.setStatus(rejoining ? 'Reconnecting…' : `Joining room ${this.room}…`);
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
            if (rejoining && !this.ended) {
                await this.rejoin('join failed');
                return;
            }
            this.fail(`Could not reach the server to join the room (${error.message}). Check your connection `
                + 'and try again.');
            return;
        }
        const joined = parseJoinResponse(body);
        if (this.ended) {
            if (joined.kind === 'joined') {
                // Hung up while joining: leave the place the server just gave us.
                this.joined = joined;
                this.hooks.roomId = joined.roomId || this.room;
                this.leaveRoom(false);
            }
            return;
        }
        if (joined.kind === 'full') {
            console.info('Join: the room is full');
            this.ended = true;
            this.setState('full');
            this.releaseMedia();
            ui.setStatus('This room is full.');
            ui.setNotice('room-full', `Room ${this.room} is full: it already has as many people as it can hold. `
                + 'Try again later, or start a new room.');
            ui.showEnd({
                title: 'This room is full', text: 'Nobody can join until someone leaves.', rejoinLabel: 'Try again',
                onRejoin: () => this.restart(),
            });
            return;
        }
        if (joined.kind === 'maintenance') {
            console.info('Join: the server is being maintained and opens no new rooms');
            this.ended = true;
            this.setState('maintenance');
            this.releaseMedia();
            ui.setStatus(MAINTENANCE_TEXT);
            ui.showEnd({
                title: 'Maintenance', text: MAINTENANCE_TEXT, rejoinLabel: 'Try again',
                onRejoin: () => this.restart(),
            });
            return;
        }
        if (joined.kind === 'error') {
            if (rejoining) {
                await this.rejoin(joined.reason);
                return;
            }
            this.fail(joined.reason);
            return;
        }
        this.joined = joined;
        this.rtcConfig = rtcConfiguration(joined, {relayOnly: this.relayOnly});
        this.hooks.roomId = joined.roomId || this.room;
        this.hooks.clientId = joined.clientId;
        this.hooks.peerId = joined.peerId;
        console.info(`Joined room ${this.hooks.roomId} (${joined.roomMode}, capacity ${joined.roomCapacity}), `
            + `${joined.peers.length} already there, ICE ${this.rtcConfig.iceTransportPolicy}, `
            + `${this.rtcConfig.iceServers.length} ICE server entries`);
        ui.setRoomLabel(this.hooks.roomId, joined.roomMode);

        this.channel = new SignalingChannel({
            url: joined.wssUrl,
            roomId: this.hooks.roomId,
            clientId: joined.clientId,
            onEvent: (event) => this.onSignal(event),
            onState: (state) => this.onChannelState(state),
            onExpired: (reason) => this.rejoin(reason),
        });
        this.channel.connect();
        this.setState('in-call');
        if (rejoining) {
            ui.clearNotice('signaling-lost');
        }
        ui.setControlsEnabled(true);
        this.updateToggles();
        this.rejoinsResetTimer = setTimeout(() => { this.rejoins = 0; }, 30000);

        const plan = initialPlan(joined);
        if (plan.answer) {
            for (const message of plan.answer.messages) {
                this.onMessage(plan.answer.peer, message);
            }
        }
        for (const peer of plan.offerTo) {
            this.offerTo(peer);
        }
        this.updateStatus();
    }

    /** The call cannot go on: show why, with a button to try again. */
    fail(reason) {
        this.ended = true;
        this.setState('error');
        this.teardown();
        ui.setStatus(reason);
        ui.setNotice('error', reason);
        ui.showEnd({title: 'Something went wrong', text: reason, rejoinLabel: 'Try again', onRejoin: () => this.restart()});
    }

    onChannelState(state) {
        if (this.ended) {
            return;
        }
        this.signalingDown = state === 'reconnecting';
        if (state === 'reconnecting') {
            ui.setNotice('signaling-lost', 'Lost the connection to the server: reconnecting… Calls already '
                + 'connected go on meanwhile.');
            ui.setStatus('Reconnecting…');
        } else if (state === 'open') {
            ui.clearNotice('signaling-lost');
            this.updateStatus();
        }
    }

    /** The server let this member go (socket away past the grace period): join again. */
    async rejoin(reason) {
        if (this.ended) {
            return;
        }
        this.rejoins += 1;
        console.warn(`Signaling: our place in the room is gone (${reason}); joining again (${this.rejoins})`);
        clearTimeout(this.rejoinsResetTimer);
        this.closeAllPeers();
        this.channel?.stop();
        this.channel = null;
        this.signalingDown = true;
        // Give the old place up in case the server still holds it (it answers 200 either way).
        this.leaveRoom(false);
        if (this.rejoins > MAX_REJOINS) {
            this.fail('Lost the connection to the server and could not get back into the room.');
            return;
        }
        this.setState('joining');
        ui.setNotice('signaling-lost', 'Lost the connection to the server: joining the room again…');
        ui.setStatus('Reconnecting…');
        await new Promise((resolve) => setTimeout(resolve, Math.min(30000, 500 * 2 ** (this.rejoins - 1))));
        if (this.ended) {
            return;
        }
        await this.join(true);
    }

    // Signaling

    send(message, peerId) {
        this.channel?.send(sendFrame(message, peerId));
    }

    onSignal(event) {
        if (this.ended) {
            return;
        }
        switch (event.kind) {
            case 'message': {
                let from = event.from;
                if (!from && this.book.size === 1) {
                    from = this.book.ids()[0];  // a sender without a peer id: the one other member
                }
                if (!from) {
                    console.warn('Signaling: a message without a sender, dropped');
                    return;
                }
                this.onMessage(from, event.message);
                break;
            }
            case 'joined':
                if (event.peer && event.peer !== this.hooks.peerId) {
                    console.info('Signaling: a member joined');
                    ui.setStatus('Someone is joining…');
                }
                break;
            case 'left':
                if (event.peer && event.peer !== this.hooks.peerId) {
                    this.closePeer(event.peer, 'left');
                }
                break;
            case 'invalid':
                console.warn('Signaling: a frame the client does not understand, dropped');
                break;
            default:
                break;
        }
    }

    onMessage(from, message) {
        if (from === this.hooks.peerId) {
            return;
        }
        let peer = this.book.get(from);
        const {create, action} = routeMessage(message, peer);
        if (action === 'ignore') {
            console.warn(`Signaling: ignored a ${message.type} from ${peer ? peerLabel(peer) : 'an unknown peer'}`);
            return;
        }
        if (action === 'bye') {
            this.closePeer(from, 'bye');
            return;
        }
        if (create) {
            peer = this.createPeer(from, 'answerer');
        }
        // One message at a time per peer, in order.
        peer.chain = peer.chain.then(() => this.handle(peer, message)).catch((error) => {
            console.warn(`${peerLabel(peer)}: ${message.type} failed:`, error.name, error.message);
        });
    }

    async handle(peer, message) {
        if (peer.closed) {
            return;
        }
        const pc = peer.connection;
        switch (message.type) {
            case 'offer': {
                console.info(`${peerLabel(peer)}: offer received`);
                await pc.setRemoteDescription({type: 'offer', sdp: message.sdp});
                await this.addPendingCandidates(peer);
                const answer = await pc.createAnswer();
                await pc.setLocalDescription(answer);
                if (!peer.closed) {
                    this.send({type: 'answer', sdp: pc.localDescription.sdp}, peer.id);
                    console.info(`${peerLabel(peer)}: answer sent`);
                }
                break;
            }
            case 'answer':
                if (pc.signalingState !== 'have-local-offer') {
                    console.warn(`${peerLabel(peer)}: an answer while ${pc.signalingState}, ignored`);
                    return;
                }
                console.info(`${peerLabel(peer)}: answer received`);
                await pc.setRemoteDescription({type: 'answer', sdp: message.sdp});
                await this.addPendingCandidates(peer);
                break;
            case 'candidate':
                if (peer.queueCandidate(message)) {
                    return;  // before the remote description: kept until it is set
                }
                await this.addCandidate(peer, message);
                break;
            default:
                break;
        }
    }

    async addPendingCandidates(peer) {
        for (const candidate of peer.takePendingCandidates()) {
            await this.addCandidate(peer, candidate);
        }
    }

    async addCandidate(peer, message) {
        try {
            await peer.connection.addIceCandidate(candidateInit(message));
        } catch (error) {
            console.warn(`${peerLabel(peer)}: a remote candidate was refused:`, error.message);
        }
    }

    // Peers

    createPeer(peerId, role) {
        const pc = new RTCPeerConnection(this.rtcConfig);
        const peer = this.book.add(peerId, role, pc);
        peer.chain = Promise.resolve();
        peer.remoteStream = new MediaStream();
        console.info(`${peerLabel(peer)}: new connection, this side ${role === 'offerer' ? 'offers' : 'answers'}`);
        ui.addRemoteTile(peerId, peerLabel(peer));

        const tracks = this.stream?.getTracks() ?? [];
        for (const track of tracks) {
            pc.addTrack(track, this.stream);
        }
        if (role === 'offerer') {
            // Receive what we do not send, so the call works without a camera or microphone.
            for (const kind of ['audio', 'video']) {
                if (!tracks.some((t) => t.kind === kind)) {
                    pc.addTransceiver(kind, {direction: 'recvonly'});
                }
            }
        }
        pc.addEventListener('track', (event) => {
            if (!peer.remoteStream.getTracks().includes(event.track)) {
                peer.remoteStream.addTrack(event.track);
            }
            ui.attachRemoteStream(peerId, peer.remoteStream);
        });
        pc.addEventListener('icecandidate', (event) => {
            if (event.candidate && event.candidate.candidate) {
                this.send(candidateMessage(event.candidate), peerId);
            }
        });
        pc.addEventListener('connectionstatechange', () => this.onConnectionState(peer));
        this.armWatchdog(peer);
        this.updateStatus();
        return peer;
    }

    offerTo(peerId) {
        if (this.book.has(peerId) || peerId === this.hooks.peerId) {
            return;
        }
        const peer = this.createPeer(peerId, 'offerer');
        peer.chain = peer.chain.then(() => this.sendOffer(peer)).catch((error) => {
            console.warn(`${peerLabel(peer)}: offer failed:`, error.name, error.message);
        });
    }

    async sendOffer(peer, {iceRestart = false} = {}) {
        if (peer.closed) {
            return;
        }
        const pc = peer.connection;
        if (iceRestart) {
            pc.restartIce();
        }
        const offer = await pc.createOffer(iceRestart ? {iceRestart: true} : {});
        await pc.setLocalDescription(offer);
        if (!peer.closed) {
            this.send({type: 'offer', sdp: pc.localDescription.sdp}, peer.id);
            console.info(`${peerLabel(peer)}: ${iceRestart ? 'ICE restart offer' : 'offer'} sent`);
        }
    }

    onConnectionState(peer) {
        if (peer.closed) {
            return;
        }
        const state = peer.connection.connectionState;
        console.info(`${peerLabel(peer)}: ${state}`);
        ui.setTileState(peer.id, state);
        if (state === 'connected') {
            clearTimeout(peer.waitTimer);
            clearTimeout(peer.watchdog);
            peer.gaveUp = false;
            ui.setTileGaveUp(peer.id, false);
            ui.setTileMessage(peer.id, '');
            this.updateIceNotice();
        } else if (state === 'failed') {
            this.onFailure(peer);
        } else if (state === 'disconnected') {
            this.armWatchdog(peer);
        }
        this.updateStatus();
    }

    armWatchdog(peer) {
        clearTimeout(peer.watchdog);
        peer.watchdog = setTimeout(() => {
            const state = peer.connection.connectionState;
            if (!peer.closed && state !== 'connected' && state !== 'failed' && !peer.gaveUp) {
                console.warn(`${peerLabel(peer)}: still ${state} after ${CONNECT_TIMEOUT_MS / 1000} s`);
                this.onFailure(peer);
            }
        }, CONNECT_TIMEOUT_MS);
    }

    /** ICE failed (or never got anywhere): restart it once from the offering side, then give up. */
    onFailure(peer) {
        clearTimeout(peer.watchdog);
        const action = onConnectionFailed(peer);
        if (action === 'restart') {
            console.warn(`${peerLabel(peer)}: ICE failed, restarting it`);
            ui.setTileMessage(peer.id, 'Connection lost. Trying again…');
            this.armWatchdog(peer);
            peer.chain = peer.chain.then(() => this.sendOffer(peer, {iceRestart: true})).catch((error) => {
                console.warn(`${peerLabel(peer)}: ICE restart failed:`, error.name, error.message);
            });
        } else if (action === 'wait') {
            console.warn(`${peerLabel(peer)}: ICE failed, waiting for the other side to restart it`);
            ui.setTileMessage(peer.id, 'Connection lost. Waiting for the other side to try again…');
            clearTimeout(peer.waitTimer);
            peer.waitTimer = setTimeout(() => {
                if (!peer.closed && peer.connection.connectionState !== 'connected') {
                    peer.failures = Math.max(peer.failures, 2);
                    this.giveUp(peer);
                }
            }, ANSWERER_WAIT_MS);
        } else {
            this.giveUp(peer);
        }
    }

    giveUp(peer) {
        console.warn(`${peerLabel(peer)}: ICE failed again, giving up`);
        peer.gaveUp = true;
        ui.setTileGaveUp(peer.id, true);
        ui.setTileMessage(peer.id, `Could not connect to ${peerLabel(peer)}. A firewall or network may be `
            + 'blocking the call.');
        this.updateIceNotice();
    }

    updateIceNotice() {
        const failed = [...this.book.peers.values()].filter((p) => p.gaveUp && p.connection.connectionState !== 'connected');
        if (failed.length === 0) {
            ui.clearNotice('ice-failed');
        } else {
            ui.setNotice('ice-failed', `Could not connect to ${failed.map(peerLabel).join(', ')}: the network `
                + 'between you may block the call (a firewall, or a TURN relay that cannot be reached).');
        }
    }

    closePeer(peerId, why) {
        const peer = this.book.remove(peerId);
        if (!peer) {
            return;
        }
        console.info(`${peerLabel(peer)}: ${why === 'bye' ? 'hung up' : 'left'}`);
        clearTimeout(peer.waitTimer);
        clearTimeout(peer.watchdog);
        peer.connection.close();
        ui.removeRemoteTile(peerId);
        this.updateIceNotice();
        this.updateStatus();
    }

    closeAllPeers() {
        for (const peer of this.book.clear()) {
            clearTimeout(peer.waitTimer);
            clearTimeout(peer.watchdog);
            try {
                peer.connection.close();
            } catch {
                // already closed
            }
        }
        ui.removeAllRemoteTiles();
        ui.clearNotice('ice-failed');
    }

    updateStatus() {
        if (this.hooks.state !== 'in-call' || this.signalingDown) {
            return;
        }
        const peers = [...this.book.peers.values()];
        if (peers.length === 0) {
            ui.setStatus('Waiting for others to join. Copy the invite link and send it to them.');
            return;
        }
        const connected = peers.filter((p) => p.connection.connectionState === 'connected').length;
        const others = peers.length === 1 ? '1 other person' : `${peers.length} other people`;
        ui.setStatus(connected === peers.length
            ? `In call with ${others}.`
            : `In call with ${others}, ${connected} connected.`);
    }

    // Controls

    updateToggles() {
        const audio = this.stream?.getAudioTracks() ?? [];
        const video = this.stream?.getVideoTracks() ?? [];
        ui.setToggle('mute', this.micMuted, this.micMuted ? 'Unmute' : 'Mute', audio.length === 0 || this.ended);
        ui.setToggle('camera', this.cameraOff, this.cameraOff ? 'Start camera' : 'Stop camera',
            video.length === 0 || this.ended);
    }

    toggleMute() {
        this.micMuted = !this.micMuted;
        for (const track of this.stream?.getAudioTracks() ?? []) {
            track.enabled = !this.micMuted;
        }
        this.updateToggles();
        ui.setStatus(this.micMuted ? 'Your microphone is muted.' : 'Your microphone is on.');
    }

    toggleCamera() {
        this.cameraOff = !this.cameraOff;
        for (const track of this.stream?.getVideoTracks() ?? []) {
            track.enabled = !this.cameraOff;
        }
        ui.setLocalVideoOff(this.cameraOff);
        this.updateToggles();
        ui.setStatus(this.cameraOff ? 'Your camera is off.' : 'Your camera is on.');
    }

    inviteLink() {
        return this.joined?.roomLink || window.location.href;
    }

    async copyLink() {
        const copied = await ui.copyText(this.inviteLink());
        ui.setStatus(copied ? 'Invite link copied.' : 'Select the invite link and copy it (Ctrl+C or ⌘C).');
    }

    /** Hang-up: bye to every peer, leave the room, close the socket; the page says so. */
    hangUp() {
        if (this.ended && this.hooks.state === 'left') {
            return;
        }
        const wasJoined = this.hooks.state === 'in-call' || this.hooks.state === 'joining';
        this.ended = true;
        if (wasJoined) {
            for (const peerId of this.book.ids()) {
                this.send({type: 'bye'}, peerId);
            }
            this.leaveRoom(false);
        }
        this.teardown();
        this.setState('left');
        ui.clearAllNotices();
        ui.setStatus('You left the call.');
        ui.showEnd({title: 'You left the call', text: `Room ${this.room}`, onRejoin: () => this.restart()});
    }

    /** POST /leave/{room}/{client}, by beacon when the page is going away. */
    leaveRoom(unloading) {
        if (!this.joined) {
            return;
        }
        const url = leavePath(this.hooks.roomId || this.room, this.joined.clientId);
        this.joined = null;
        if (unloading && navigator.sendBeacon && navigator.sendBeacon(url)) {
            return;
        }
        fetch(url, {method: 'POST', keepalive: true}).catch((error) => {
            console.warn('Leave failed:', error.message);
        });
    }

    /** The page is going away (closed, reloaded, navigated): leave like a hang-up, by beacon. */
    onPageHide() {
        if (this.ended) {
            return;
        }
        this.ended = true;
        for (const peerId of this.book.ids()) {
            this.send({type: 'bye'}, peerId);
        }
        this.leaveRoom(true);
        this.teardown();
        this.setState('left');
    }

    teardown() {
        clearTimeout(this.rejoinsResetTimer);
        this.channel?.stop();
        this.channel = null;
        this.closeAllPeers();
        this.releaseMedia();
        ui.setControlsEnabled(false);
        ui.setToggle('mute', false, 'Mute', true);
        ui.setToggle('camera', false, 'Stop camera', true);
    }

    releaseMedia() {
        stopStream(this.stream);
        this.stream = null;
        ui.showLocalStream(null);
    }

    /** Rejoin after hang-up, a full room or an error: a new call in the same page. */
    restart() {
        this.onRestart?.();
    }
}
