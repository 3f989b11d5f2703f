// One remote member's RTCPeerConnection: offers and answers, candidates in order, the tracks we
// send and the stream we receive. It keeps the PeerState (peers.js) it was made for.
import {candidateInit, candidateMessage} from './protocol.js';
import {peerLabel} from './peers.js';

export class PeerSession {
    /**
     * `send(message)` sends a signaling message to this peer; `onTrack(stream)` when its media
     * arrives; `onConnectionState(state)` as the connection's state changes.
     */
    constructor(peer, {rtcConfig, tracks, stream, send, onTrack, onConnectionState}) {
        this.peer = peer;
        this.send = send;
        this.pc = new RTCPeerConnection(rtcConfig);
        this.remoteStream = new MediaStream();
        /** One signaling message at a time, in order. */
        this.chain = Promise.resolve();
        for (const track of tracks) {
            this.pc.addTrack(track, stream);
        }
        if (peer.role === 'offerer') {
            // Receive what we do not send, so the call works without a camera or microphone.
            for (const kind of ['audio', 'video']) {
                if (!tracks.some((t) => t.kind === kind)) {
                    this.pc.addTransceiver(kind, {direction: 'recvonly'});
                }
            }
        }
        this.pc.addEventListener('track', (event) => {
            if (!this.remoteStream.getTracks().includes(event.track)) {
                this.remoteStream.addTrack(event.track);
            }
            onTrack(this.remoteStream);
        });
        this.pc.addEventListener('icecandidate', (event) => {
            if (event.candidate && event.candidate.candidate) {
                this.send(candidateMessage(event.candidate));
            }
        });
        this.pc.addEventListener('connectionstatechange', () => {
            if (!peer.closed) {
                onConnectionState(this.pc.connectionState);
            }
        });
    }

    get connectionState() {
        return this.pc.connectionState;
    }

    /** Queues an offer (an ICE restart when asked). */
    offer({iceRestart = false} = {}) {
        this.enqueue('offer', () => this.sendOffer(iceRestart));
    }

    /** Queues an offer, answer or candidate from the peer. */
    receive(message) {
        this.enqueue(message.type, () => this.handle(message));
    }

    enqueue(what, step) {
        this.chain = this.chain.then(step).catch((error) => {
            console.warn(`${peerLabel(this.peer)}: ${what} failed:`, error.name, error.message);
        });
    }

    async sendOffer(iceRestart) {
        if (this.peer.closed) {
            return;
        }
        if (iceRestart) {
            this.pc.restartIce();
        }
        const offer = await this.pc.createOffer(iceRestart ? {iceRestart: true} : {});
        await this.pc.setLocalDescription(offer);
        if (!this.peer.closed) {
            this.send({type: 'offer', sdp: this.pc.localDescription.sdp});
            console.info(`${peerLabel(this.peer)}: ${iceRestart ? 'ICE restart offer' : 'offer'} sent`);
        }
    }

    async handle(message) {
        if (this.peer.closed) {
            return;
        }
        switch (message.type) {
            case 'offer': {
                console.info(`${peerLabel(this.peer)}: offer received`);
                await this.pc.setRemoteDescription({type: 'offer', sdp: message.sdp});
                await this.addPendingCandidates();
                await this.pc.setLocalDescription(await this.pc.createAnswer());
                if (!this.peer.closed) {
                    this.send({type: 'answer', sdp: this.pc.localDescription.sdp});
                    console.info(`${peerLabel(this.peer)}: answer sent`);
                }
                break;
            }
            case 'answer':
                if (this.pc.signalingState !== 'have-local-offer') {
                    console.warn(`${peerLabel(this.peer)}: an answer while ${this.pc.signalingState}, ignored`);
                    return;
                }
                console.info(`${peerLabel(this.peer)}: answer received`);
                await this.pc.setRemoteDescription({type: 'answer', sdp: message.sdp});
                await this.addPendingCandidates();
                break;
            case 'candidate':
                if (!this.peer.queueCandidate(message)) {
                    await this.addCandidate(message);  // else kept until the remote description is set
                }
                break;
            default:
                break;
        }
    }

    async addPendingCandidates() {
        for (const candidate of this.peer.takePendingCandidates()) {
            await this.addCandidate(candidate);
        }
    }

    async addCandidate(message) {
        try {
            await this.pc.addIceCandidate(candidateInit(message));
        } catch (error) {
            console.warn(`${peerLabel(this.peer)}: a remote candidate was refused:`, error.message);
        }
    }

    /**
     * Sends `track` instead of what goes out for its kind now (another camera or microphone, the
     * shared screen, or the camera again), without renegotiating. False when nothing of that kind
     * is sent to this peer (no camera when the call started).
     */
    async replaceTrack(kind, track) {
        const sender = this.pc.getSenders().find((s) => s.track?.kind === kind)
            ?? this.pc.getTransceivers().find((t) => t.sender.track === null && t.receiver.track?.kind === kind
                && (t.currentDirection === 'sendrecv' || t.currentDirection === 'sendonly'))?.sender;
        if (!sender) {
            return false;
        }
        await sender.replaceTrack(track);
        return true;
    }

    close() {
        try {
            this.pc.close();
        } catch {
            // already closed
        }
    }
}
