// What this member sends: the camera and microphone (and the choice of them), muting, the camera
// turned off, the shared screen, and the speaking outline of the local tile. The coordinator
// (call.js) hands the tracks to the peers.
import {getDeviceTrack, getLocalMedia, getScreenTrack, listDevices, stopStream} from './media.js';
import {savePreferences} from './prefs.js';
import {LocalSpeakingMeter} from './speaking.js';
import * as ui from './ui.js';

const PROBLEMS = {
    denied: {notice: 'media-denied', badge: 'not sending', text: 'Camera and microphone access was blocked, so the '
        + 'others can\'t see or hear you. You can still see and hear them. To take part, allow access in the '
        + 'browser\'s site settings and rejoin.'},
    'no-camera': {notice: 'no-camera', badge: 'audio only', text: 'No camera found (or it is in use by another '
        + 'app): you joined with audio only.'},
    'no-microphone': {badge: 'no microphone'},
    'no-devices': {notice: 'no-camera', badge: 'not sending', text: 'No camera or microphone found: you can see '
        + 'and hear the others, but they can\'t see or hear you.'},
};
PROBLEMS.unsupported = PROBLEMS['no-devices'];

export class LocalMedia {
    /** `preferences` (prefs.js) name the devices to start with and remember the ones chosen. */
    constructor(preferences) {
        this.preferences = preferences;
        this.stream = null;
        this.screenTrack = null;
        this.micMuted = false;
        this.cameraOff = false;
        this.meter = new LocalSpeakingMeter((speaking) => ui.setSpeaking('local', speaking));
    }

    /** Opens the chosen (or default) camera and microphone, shows them, and lists the devices. */
    async start() {
        const {stream, problem} = await getLocalMedia(this.preferences);
        this.stream = stream;
        ui.showLocalStream(stream);
        const said = PROBLEMS[problem];
        if (said?.notice) {
            ui.setNotice(said.notice, said.text);
        }
        ui.setLocalBadge(said?.badge ?? '');
        await this.showDevices();
        this.updateToggles(false);
    }

    get hasAudio() {
        return !!this.stream?.getAudioTracks().length;
    }

    get hasVideo() {
        return !!this.stream?.getVideoTracks().length;
    }

    async showDevices() {
        const {cameras, microphones, speakers} = await listDevices();
        const camera = this.stream?.getVideoTracks()[0]?.getSettings().deviceId ?? this.preferences.cameraId;
        const microphone = this.stream?.getAudioTracks()[0]?.getSettings().deviceId ?? this.preferences.microphoneId;
        ui.setDeviceChoices('camera-select', cameras, camera, 'Camera');
        ui.setDeviceChoices('microphone-select', microphones, microphone, 'Microphone');
        ui.setDeviceChoices('speaker-select', speakers, this.preferences.speakerId, 'Speaker');
        document.getElementById('speaker-select').hidden = speakers.length === 0;
        document.getElementById('speaker-label').hidden = speakers.length === 0;
    }

    /** The tracks peers get: the shared screen in the camera's place while presenting. */
    outgoingTracks() {
        const tracks = this.stream?.getTracks() ?? [];
        return this.screenTrack ? tracks.map((t) => (t.kind === 'video' ? this.screenTrack : t)) : tracks;
    }

    /** The speaking outline; started after a click, when the browser lets an audio context run. */
    startMeter() {
        this.meter.start(this.stream);
    }

    updateToggles(ended) {
        ui.setToggle('mute', this.micMuted, this.micMuted ? 'Unmute' : 'Mute', !this.hasAudio || ended);
        ui.setToggle('camera', this.cameraOff, this.cameraOff ? 'Start camera' : 'Stop camera', !this.hasVideo || ended);
    }

    setMuted(muted) {
        this.micMuted = muted;
        for (const track of this.stream?.getAudioTracks() ?? []) {
            track.enabled = !muted;
        }
        this.updateToggles(false);
        ui.setStatus(muted ? 'Your microphone is muted.' : 'Your microphone is on.');
    }

    setCameraOff(off) {
        this.cameraOff = off;
        for (const track of this.stream?.getVideoTracks() ?? []) {
            track.enabled = !off;
        }
        ui.setLocalVideoOff(off);
        this.updateToggles(false);
        ui.setStatus(off ? 'Your camera is off.' : 'Your camera is on.');
    }

    /**
     * Opens the device the person chose instead of the one of its kind in use, hands it to
     * `replace(track)` (the peers) and only then stops the old one, so what goes out never ends in
     * between. A device that cannot open while the old one is (a phone's two cameras) is tried again
     * with the old one stopped; when the new one fails, the old device is opened again.
     */
    async switchDevice(kind, deviceId, replace) {
        const old = kind === 'video' ? this.stream.getVideoTracks()[0] : this.stream.getAudioTracks()[0];
        const oldId = old?.getSettings().deviceId;
        let track = await getDeviceTrack(kind, deviceId).catch(() => null);
        if (!track && old) {
            this.drop(old);
            track = await getDeviceTrack(kind, deviceId).catch((error) => {
                ui.setStatus(`That ${kind === 'video' ? 'camera' : 'microphone'} could not be started (${error.name}).`);
                return null;
            });
        }
        if (track) {
            this.preferences[kind === 'video' ? 'cameraId' : 'microphoneId'] = deviceId;
            savePreferences(this.preferences);
        } else if (oldId) {
            track = await getDeviceTrack(kind, oldId).catch(() => null);  // back to the one that worked
        }
        if (track) {
            track.enabled = kind === 'video' ? !this.cameraOff : !this.micMuted;
        }
        await replace(track);
        if (old && old.readyState !== 'ended') {
            this.drop(old);
        }
        if (track) {
            this.stream.addTrack(track);
        }
        if (kind === 'video') {
            ui.showLocalStream(this.stream);
        } else {
            this.startMeter();
        }
        this.updateToggles(false);
    }

    drop(track) {
        this.stream.removeTrack(track);
        track.stop();
    }

    chooseSpeaker(deviceId) {
        this.preferences.speakerId = deviceId;
        savePreferences(this.preferences);
    }

    /** The screen's track, or null when the person cancelled; `onEnded` when the browser's own stop ends it. */
    async startScreen(onEnded) {
        const track = await getScreenTrack();
        if (track) {
            this.screenTrack = track;
            track.addEventListener('ended', onEnded);
            ui.setPresenting(true);
        }
        return track;
    }

    /** Stops presenting; returns the camera's track to send again (null without a camera). */
    stopScreen() {
        this.screenTrack?.stop();
        this.screenTrack = null;
        ui.setPresenting(false);
        return this.stream?.getVideoTracks()[0] ?? null;
    }

    stop() {
        this.meter.stop();
        this.stopScreen();
        stopStream(this.stream);
        this.stream = null;
        ui.showLocalStream(null);
        ui.setToggle('mute', false, 'Mute', true);
        ui.setToggle('camera', false, 'Stop camera', true);
    }
}
