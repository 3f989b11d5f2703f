// Entry point: the same page is served at / (home) and at /r/{room} (the call).
import {Call} from './call.js';
import {showHome} from './home.js';
import {parseRoute} from './room.js';
import * as ui from './ui.js';

/** Test hooks and a handle for the console (docs: the end-to-end tests rely on these names). */
const wildrtc = {
    connections: new Map(),
    state: 'idle',
    roomId: '',
    clientId: '',
    peerId: '',
    hangUp() {
        current?.hangUp();
    },
};
window.wildrtc = wildrtc;

let current = null;

function startCall(room) {
    wildrtc.roomId = room;
    wildrtc.clientId = '';
    wildrtc.peerId = '';
    const call = new Call({room, search: window.location.search, hooks: wildrtc});
    call.onRestart = () => startCall(room);
    current = call;
    call.start().catch((error) => {
        console.warn('The call stopped on an error:', error);
        call.fail(`The call stopped on an error: ${error.message}`);
    });
}

function wireControls() {
    document.getElementById('mute').addEventListener('click', () => current?.toggleMute());
    document.getElementById('camera').addEventListener('click', () => current?.toggleCamera());
    document.getElementById('hangup').addEventListener('click', () => current?.hangUp());
    document.getElementById('copy-link').addEventListener('click', () => current?.copyLink());
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
        startCall(route.room);
    } else {
        ui.showView('not-found');
        ui.setStatus('No such page.');
    }
}

main();
