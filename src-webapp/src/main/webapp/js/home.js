// The home view: create a room with a random name, or join one by name.
import {callPath, normalizeRoomInput, queryOfRoomInput, randomRoomName} from './room.js';
import * as ui from './ui.js';

export function showHome() {
    ui.showView('home');
    ui.setStatus('');
    const form = document.getElementById('home-form');
    const input = document.getElementById('room-name');
    const mesh = document.getElementById('mesh');
    const error = document.getElementById('room-error');
    // Parameters the home page was opened with (such as it=relay) go on to the call.
    const pageQuery = new URLSearchParams(window.location.search);
    if (pageQuery.get('mode') === 'mesh') {
        mesh.checked = true;
    }
    pageQuery.delete('mode');

    const go = (room, query) => {
        const params = new URLSearchParams(pageQuery);
        for (const [key, value] of new URLSearchParams(query)) {
            params.set(key, value);
        }
        const path = callPath(room, {mesh: mesh.checked, query: params.toString()});
        console.info(`Going to ${path}`);
        window.location.assign(path);
    };

    const showError = (text) => {
        error.textContent = text;
        error.hidden = !text;
        input.setAttribute('aria-invalid', text ? 'true' : 'false');
    };

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const text = input.value;
        if (text.trim() === '') {
            showError('Type a room name, or create a new room.');
            input.focus();
            return;
        }
        const room = normalizeRoomInput(text);
        if (!room) {
            showError('Room names use letters, digits, “-” and “_” (up to 64).');
            input.focus();
            return;
        }
        showError('');
        go(room, queryOfRoomInput(text));
    });
    input.addEventListener('input', () => showError(''));
    document.getElementById('create').addEventListener('click', () => go(randomRoomName(), ''));
}
