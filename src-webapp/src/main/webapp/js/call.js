// One call, coordinated: the lobby (lobby.js), what this member sends (local-media.js), its place
// in the room (room-session.js), the signaling channel (signaling.js), a session per peer
// (peer-session.js) kept up by its ICE recovery (ice-recovery.js), the statistics behind the
// indicators (peer-monitor.js), chat and names (chat.js), and the page (ui.js). This file only
// wires them: docs/api.md "How our client runs a call" has the steps.
import {chatMessage, helloMessage, presentingMessage} from './chat.js';
import {IceRecovery} from './ice-recovery.js';
import {MAINTENANCE_TEXT, rtcConfiguration} from './join.js';
import {LocalMedia} from './local-media.js';
import {waitInLobby} from './lobby.js';
import {SPEAKING_LEVEL} from './netstats.js';
import {PeerMonitor} from './peer-monitor.js';
import {PeerSession} from './peer-session.js';
import {ABOUT_THE_MEMBER, initialPlan, PeerBook, peerLabel, routeMessage} from './peers.js';
import {loadPreferences} from './prefs.js';
import {sendFrame} from './protocol.js';
import {wantsRelayOnly} from './room.js';
import {RoomSession} from './room-session.js';
import {SignalingChannel} from './signaling.js';
import * as ui from './ui.js';

const TILE_MESSAGES = {
    restarting: () => 'Connection lost. Trying again…',
    waiting: () => 'Connection lost. Waiting for the other side to try again…',
    'gave-up': (peer) => `Could not connect to ${peerLabel(peer)}. A firewall or network may be blocking the call.`,
    connected: () => '',
};

export class Call {
    /** `lobby`: show the lobby first (a rejoin after hang-up goes straight in). */
    constructor({room, search, lobby = true}) {
        this.search = search;
        this.withLobby = lobby;
        this.relayOnly = wantsRelayOnly(search);
        this.room = new RoomSession({room, search});
        this.book = new PeerBook();
        this.monitor = new PeerMonitor({onSummary: (peerId, summary) => this.onSummary(peerId, summary)});
        this.preferences = loadPreferences();
        this.media = new LocalMedia(this.preferences);
        /** Names heard before their member's session exists, by peer id. */
        this.names = new Map();
        this.state = 'idle';
        /** Who presents their screen (a peer id), shown large; null: nobody. */
        this.presenter = null;
        this.channel = null;
        this.rtcConfig = null;
        this.unread = 0;
        this.signalingDown = false;
        this.ended = false;
        /** Called to start a new call in the same page (rejoin). */
        this.onRestart = null;
    }

    setState(state) {
        this.state = state;
        document.body.dataset.state = state;
        console.info(`Call state: ${state}`);
    }

    async start() {
        this.setState('starting');
        ui.clearAllNotices();
        ui.setRoomLabel(this.room.room, new URLSearchParams(this.search).get('mode'));
        ui.showView('call');
        ui.setControlsEnabled(false);
        ui.setStatus('Starting your camera and microphone…');
        await this.media.start();
        if (this.ended) {
            this.media.stop();
            return;
        }
        if (this.withLobby) {
            await waitInLobby(this.media, this.preferences, () => this.setState('lobby'));
            if (this.ended) {
                return;
            }
        } else {
            this.media.startMeter();  // a rejoin, clicked: the audio context may start
        }
        ui.setLocalName(this.preferences.name);
        this.setState('joining');
        await this.join();
    }

    // The room

    async join(rejoining = false) {
        ui.setStatus(rejoining ? 'Reconnecting…' : `Joining room ${this.room.room}…`);
        const joined = await this.room.join();
        if (this.ended) {
            this.room.leave(false);  // hung up while joining: give the place back
            return;
        }
        switch (joined.kind) {
            case 'joined':
                this.enter(joined, rejoining);
                return;
            case 'full':
                this.end('full', {
                    title: 'This room is full', rejoinLabel: 'Try again',
                    text: `Room ${this.room.room} already has as many people as it can hold. Nobody can join until `
                        + 'someone leaves: try again later, or start a new room.',
                });
                return;
            case 'maintenance':
                this.end('maintenance', {title: 'Maintenance', text: MAINTENANCE_TEXT, rejoinLabel: 'Try again'});
                return;
            case 'unreachable':
                if (rejoining) {
                    await this.rejoin('join failed');
                } else {
                    this.fail(`Could not reach the server to join the room (${joined.reason}). Check your `
                        + 'connection and try again.');
                }
                return;
            default:
                if (rejoining) {
                    await this.rejoin(joined.reason);
                } else {
                    this.fail(joined.reason);
                }
        }
    }

    enter(joined, rejoining) {
        this.rtcConfig = rtcConfiguration(joined, {relayOnly: this.relayOnly});
        console.info(`Joined room ${this.room.roomId} (${joined.roomMode}, capacity ${joined.roomCapacity}), `
            + `${joined.peers.length} already there, ICE ${this.rtcConfig.iceTransportPolicy}, `
            + `${this.rtcConfig.iceServers.length} ICE server entries`);
        ui.setRoomLabel(this.room.roomId, joined.roomMode);
        this.channel = new SignalingChannel({
            url: joined.wssUrl,
            roomId: this.room.roomId,
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
        this.media.updateToggles(false);
        // Everyone there and whoever joins next learns our name (alone, the server keeps it for them).
        this.send(helloMessage(this.preferences.name));
        const plan = initialPlan(joined);
        if (plan.answer) {
            for (const message of plan.answer.messages) {
                this.onMessage(plan.answer.peer, message);
            }
        } else if (joined.peers.length > 0) {
            // What the member alone left for the next joiner, without an offer: its hello, its chat.
            for (const message of joined.messages.filter((m) => ABOUT_THE_MEMBER.includes(m?.type))) {
                this.onMessage(joined.peers[0], message);
            }
        }
        for (const peer of plan.offerTo) {
            this.offerTo(peer);
        }
        this.updateStatus();
    }

    /** The call ended with a page of its own (a full room, maintenance): said there, once. */
    end(state, {title, text, rejoinLabel}) {
        console.info(`Join: ${state}`);
        this.ended = true;
        this.setState(state);
        this.teardown();
        ui.clearAllNotices();
        ui.setStatus('');
        ui.showEnd({title, text, rejoinLabel, onRejoin: () => this.restart()});
    }

    /** The call cannot go on: show why, with a button to try again. */
    fail(reason) {
        this.end('error', {title: 'Something went wrong', text: reason, rejoinLabel: 'Try again'});
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
        const delay = this.room.nextRejoinDelay();
        console.warn(`Signaling: our place in the room is gone (${reason}); joining again (${this.room.rejoins})`);
        this.closeAllPeers();
        this.channel?.stop();
        this.channel = null;
        this.signalingDown = true;
        // Give the old place up in case the server still holds it (it answers 200 either way).
        this.room.leave(false);
        if (delay === null) {
            this.fail('Lost the connection to the server and could not get back into the room.');
            return;
        }
        this.setState('joining');
        ui.setNotice('signaling-lost', 'Lost the connection to the server: joining the room again…');
        ui.setStatus('Reconnecting…');
        await new Promise((resolve) => setTimeout(resolve, delay));
        if (!this.ended) {
            await this.join(true);
        }
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
                if (event.peer && event.peer !== this.room.joined?.peerId) {
                    console.info('Signaling: a member joined');
                    ui.setStatus('Someone is joining…');
                    this.send(helloMessage(this.preferences.name), event.peer);
                    if (this.media.screenTrack) {
                        this.send(presentingMessage(true), event.peer);
                    }
                }
                break;
            case 'left':
                if (event.peer && event.peer !== this.room.joined?.peerId) {
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
        if (from === this.room.joined?.peerId) {
            return;
        }
        let peer = this.book.get(from);
        const {create, action} = routeMessage(message, peer);
        switch (action) {
            case 'ignore':
                console.warn(`Signaling: ignored a ${message?.type} from ${peer ? peerLabel(peer) : 'an unknown peer'}`);
                return;
            case 'bye':
                this.closePeer(from, 'bye');
                return;
            case 'hello':
                this.named(from, message.name);
                return;
            case 'chat':
                this.chatFrom(from, message.text);
                return;
            case 'presenting':
                this.presenter = message.on ? from : (this.presenter === from ? null : this.presenter);
                ui.setPresenter(this.presenter);
                return;
            default:
                if (create) {
                    peer = this.createPeer(from, 'answerer');
                }
                peer.session.receive(message);
        }
    }

    named(peerId, name) {
        this.names.set(peerId, name);
        const peer = this.book.get(peerId);
        if (peer) {
            peer.name = name;
            ui.setTileName(peerId, peerLabel(peer));
        }
    }

    // Peers

    createPeer(peerId, role) {
        const peer = this.book.add(peerId, role);
        peer.name = this.names.get(peerId) ?? '';
        peer.session = new PeerSession(peer, {
            rtcConfig: this.rtcConfig,
            tracks: this.media.outgoingTracks(),
            stream: this.media.stream ?? new MediaStream(),
            send: (message) => this.send(message, peerId),
            onTrack: (stream) => {
                ui.attachRemoteStream(peerId, stream);
                this.playOn(peerId);
            },
            onConnectionState: (state) => this.onConnectionState(peer, state),
        });
        peer.recovery = new IceRecovery(peer, {
            connectionState: () => peer.session.connectionState,
            restart: () => peer.session.offer({iceRestart: true}),
            onChange: (status) => {
                ui.setTileGaveUp(peerId, status === 'gave-up');
                ui.setTileMessage(peerId, TILE_MESSAGES[status](peer));
                this.updateIceNotice();
            },
        });
        console.info(`${peerLabel(peer)}: new connection, this side ${role === 'offerer' ? 'offers' : 'answers'}`);
        ui.addRemoteTile(peerId, peerLabel(peer));
        ui.setPresenter(this.presenter);
        peer.recovery.arm();
        this.monitor.watch(peerId, peer.session.pc);
        this.updateStatus();
        return peer;
    }

    offerTo(peerId) {
        if (this.book.has(peerId) || peerId === this.room.joined?.peerId) {
            return;
        }
        this.createPeer(peerId, 'offerer').session.offer();
    }

    onConnectionState(peer, state) {
        console.info(`${peerLabel(peer)}: ${state}`);
        ui.setTileState(peer.id, state);
        peer.recovery.onState(state);
        this.updateStatus();
    }

    onSummary(peerId, summary) {
        ui.setTileNetwork(peerId, summary);
        ui.setSpeaking(peerId, summary.audioLevel > SPEAKING_LEVEL);
    }

    updateIceNotice() {
        const failed = [...this.book.peers.values()]
            .filter((p) => p.recovery?.gaveUp && p.session.connectionState !== 'connected');
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
        this.release(peer);
        if (this.presenter === peerId) {
            this.presenter = null;
        }
        ui.removeRemoteTile(peerId);
        ui.setPresenter(this.presenter);
        this.updateIceNotice();
        this.updateStatus();
    }

    release(peer) {
        peer.recovery?.stop();
        this.monitor.unwatch(peer.id);
        peer.session.close();
    }

    closeAllPeers() {
        for (const peer of this.book.clear()) {
            this.release(peer);
        }
        this.presenter = null;
        ui.removeAllRemoteTiles();
        ui.setPresenter(null);
        ui.clearNotice('ice-failed');
    }

    updateStatus() {
        if (this.state !== 'in-call' || this.signalingDown) {
            return;
        }
        const peers = [...this.book.peers.values()];
        if (peers.length === 0) {
            ui.setStatus('Waiting for others to join. Copy the invite link and send it to them.');
            return;
        }
        const connected = peers.filter((p) => p.session.connectionState === 'connected').length;
        const others = peers.length === 1 ? '1 other person' : `${peers.length} other people`;
        ui.setStatus(connected === peers.length
            ? `In call with ${others}.`
            : `In call with ${others}, ${connected} connected.`);
    }

    // Chat

    chatFrom(peerId, text) {
        if (!text) {
            return;
        }
        const peer = this.book.get(peerId);
        ui.appendChat(peer ? peerLabel(peer) : (this.names.get(peerId) || 'Someone'), text, false);
        if (!ui.chatOpen()) {
            this.unread += 1;
            ui.setUnread(this.unread);
        }
    }

    sendChat(text) {
        const message = chatMessage(text);
        if (!message.text || !this.channel) {
            return false;
        }
        this.send(message);
        ui.appendChat(this.preferences.name ? `${this.preferences.name} (you)` : 'You', message.text, true);
        return true;
    }

    toggleChat() {
        if (ui.toggleChat()) {
            this.unread = 0;
            ui.setUnread(0);
        }
    }

    // Controls

    toggleMute() {
        this.media.setMuted(!this.media.micMuted);
    }

    toggleCamera() {
        this.media.setCameraOff(!this.media.cameraOff);
    }

    /** Another camera or microphone, before joining or mid-call: every peer gets the new track. */
    async switchDevice(kind, deviceId) {
        if (!this.media.stream) {
            return;
        }
        // While presenting, the screen goes out in the camera's place: the new camera waits for the stop.
        await this.media.switchDevice(kind, deviceId, async (track) => {
            if (kind === 'audio' || !this.media.screenTrack) {
                await this.replaceOnPeers(kind, track);
            }
        });
    }

    /** Sends `track` for `kind` to every peer; false when a peer has nothing of that kind to replace. */
    async replaceOnPeers(kind, track) {
        const replaced = await Promise.all([...this.book.peers.values()].map((p) => p.session.replaceTrack(kind, track)));
        return !replaced.includes(false);
    }

    async chooseSpeaker(deviceId) {
        this.media.chooseSpeaker(deviceId);
        for (const peerId of this.book.ids()) {
            await this.playOn(peerId);
        }
    }

    /** Plays a peer's sound on the chosen speaker, where the browser lets a page choose. */
    async playOn(peerId) {
        const video = ui.remoteTile(peerId)?.querySelector('video');
        if (video?.setSinkId && this.preferences.speakerId) {
            await video.setSinkId(this.preferences.speakerId).catch((error) => {
                console.warn('Speaker not chosen:', error.name);
            });
        }
    }

    /** Presents the screen in the camera's place for every peer, or stops. */
    async togglePresenting() {
        if (this.media.screenTrack) {
            await this.stopPresenting();
            return;
        }
        const track = await this.media.startScreen(() => this.stopPresenting());  // also the browser's own stop
        if (!track) {
            return;
        }
        if (this.ended) {
            this.media.stopScreen();
            return;
        }
        if (!await this.replaceOnPeers('video', track)) {
            ui.setNotice('presenting-failed', 'Some people cannot see your screen: you joined without a camera, so '
                + 'there is no picture to replace. Rejoin with a camera to present to them.');
        }
        this.send(presentingMessage(true));
        ui.setStatus('You are presenting your screen.');
    }

    async stopPresenting() {
        if (!this.media.screenTrack) {
            return;
        }
        await this.replaceOnPeers('video', this.media.stopScreen());
        ui.clearNotice('presenting-failed');
        this.send(presentingMessage(false));
        ui.setStatus('You stopped presenting.');
    }

    async copyLink() {
        const copied = await ui.copyText(this.room.joined?.roomLink || window.location.href);
        ui.setStatus(copied ? 'Invite link copied.' : 'Select the invite link and copy it (Ctrl+C or ⌘C).');
    }

    /** Hang-up: bye to every peer, leave the room, close the socket; the page says so. */
    hangUp() {
        if (this.ended && this.state === 'left') {
            return;
        }
        this.leave(false);
        ui.clearAllNotices();
        ui.setStatus('You left the call.');
        ui.showEnd({title: 'You left the call', text: `Room ${this.room.room}`, onRejoin: () => this.restart()});
    }

    /** The page is going away (closed, reloaded, navigated): leave like a hang-up, by beacon. */
    onPageHide() {
        if (!this.ended) {
            this.leave(true);
        }
    }

    leave(unloading) {
        this.ended = true;
        for (const peerId of this.book.ids()) {
            this.send({type: 'bye'}, peerId);
        }
        this.room.leave(unloading);
        this.teardown();
        this.setState('left');
    }

    teardown() {
        this.channel?.stop();
        this.channel = null;
        this.closeAllPeers();
        this.monitor.stop();
        this.media.stop();
        ui.showLobby(false);
        ui.setControlsEnabled(false);
    }

    /** Rejoin after hang-up, a full room or an error: a new call in the same page. */
    restart() {
        this.onRestart?.();
    }
}
