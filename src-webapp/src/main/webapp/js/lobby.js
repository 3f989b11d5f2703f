// Before joining: the camera's preview is on, the person gives a name, picks devices, and comes in
// muted or with the camera off if they like (docs/api.md "How our client runs a call", step 0).
import {cleanName} from './chat.js';
import {savePreferences} from './prefs.js';
import * as ui from './ui.js';

/**
 * Shows the lobby and resolves on "Join now" (the click is the gesture that lets the speaking
 * meter's audio context run); `onShown()` once it can be used.
 */
export function waitInLobby(media, preferences, onShown) {
    const form = document.getElementById('lobby-form');
    const name = document.getElementById('display-name');
    const muted = document.getElementById('join-muted');
    const cameraOff = document.getElementById('join-camera-off');
    name.value = preferences.name;
    muted.disabled = !media.hasAudio;
    cameraOff.disabled = !media.hasVideo;
    ui.moveDevicesTo('lobby');
    ui.showLobby(true);
    onShown();
    ui.setStatus('Check your camera and microphone, then join.');
    return new Promise((resolve) => {
        form.onsubmit = (event) => {
            event.preventDefault();
            form.onsubmit = null;
            preferences.name = cleanName(name.value);
            savePreferences(preferences);
            if (muted.checked !== media.micMuted) {
                media.setMuted(muted.checked);
            }
            if (cameraOff.checked !== media.cameraOff) {
                media.setCameraOff(cameraOff.checked);
            }
            ui.showLobby(false);
            media.startMeter();
            resolve();
        };
    });
}
