// What this browser remembers between calls: the display name and the chosen devices. Local only
// (localStorage), never sent anywhere but, for the name, to the others in the room.
import {cleanName} from './chat.js';

const KEY = 'wildrtc.preferences';

export function loadPreferences(storage = globalThis.localStorage) {
    let saved = {};
    try {
        saved = JSON.parse(storage?.getItem(KEY) ?? '{}') ?? {};
    } catch {
        saved = {};
    }
    const text = (value) => (typeof value === 'string' ? value : '');
    return {
        name: cleanName(text(saved.name)),
        cameraId: text(saved.cameraId),
        microphoneId: text(saved.microphoneId),
        speakerId: text(saved.speakerId),
    };
}

export function savePreferences(preferences, storage = globalThis.localStorage) {
    try {
        storage?.setItem(KEY, JSON.stringify(preferences));
    } catch (error) {
        console.warn('Preferences not saved:', error.name);  // private mode, storage full
    }
}
