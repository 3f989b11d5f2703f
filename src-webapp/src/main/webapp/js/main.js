// Entry point: the same page is served at / (home) and at /r/{room} (the call).
import {Call} from './call.js';
import {showHome} from './home.js';
import {parseRoute} from './room.js';
import * as ui from './ui.js';

let current = null;

function startCall(room, lobby) {
    const call = new Call({room, search: window.location.search, lobby});
    call.onRestart = () => startCall(room, false);
    current = call;
    call.start().catch((error) => {
        console.warn('The call stopped on an error:', error);
        call.fail(`The call stopped on an error: ${error.message}`);
    });
}

function on(id, event, handler) {
    document.getElementById(id).addEventListener(event, handler);
}

function wireControls() {
    on('mute', 'click', () => current?.toggleMute());
    on('camera', 'click', () => current?.toggleCamera());
    on('present', 'click', () => current?.togglePresenting());
    on('stop-presenting', 'click', () => current?.stopPresenting());
    on('chat-toggle', 'click', () => current?.toggleChat());
    on('settings-toggle', 'click', () => ui.toggleSettings());
    on('hangup', 'click', () => current?.hangUp());
    on('copy-link', 'click', () => current?.copyLink());
    on('camera-select', 'change', (event) => current?.switchDevice('video', event.target.value));
    on('microphone-select', 'change', (event) => current?.switchDevice('audio', event.target.value));
    on('speaker-select', 'change', (event) => current?.chooseSpeaker(event.target.value));
    on('chat-form', 'submit', (event) => {
        event.preventDefault();
        const input = document.getElementById('chat-input');
        if (current?.sendChat(input.value)) {
            input.value = '';
        }
    });
    document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
            ui.toggleChat(false);
            ui.toggleSettings(false);
        }
    });
    window.addEventListener('pagehide', () => current?.onPageHide());
    window.addEventListener('pageshow', (event) => {
        if (event.persisted && document.body.dataset.view === 'call') {
            window.location.reload();  // back from the page cache: the old call is gone
        }
    });
}

function main() {
    const route = parseRoute(window.location.pathname);
    document.body.dataset.state = 'idle';
    if (route.view === 'home') {
        showHome();
    } else if (route.view === 'call') {
        wireControls();
        ui.watchStageSize();
        startCall(route.room, true);
    } else {
        ui.showView('not-found');
        ui.setStatus('No such page.');
    }
}

main();
