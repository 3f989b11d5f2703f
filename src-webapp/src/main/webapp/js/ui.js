// The page's DOM: views, the status line, notices, tiles and the grid. No call logic here.
import {CHAT_HISTORY} from './chat.js';
import {gridLayout, tileColumnStarts} from './layout.js';
import {describe, quality} from './netstats.js';

const $ = (id) => document.getElementById(id);

/** Which view is shown: 'home' | 'call' | 'end' | 'not-found'. */
export function showView(name) {
    for (const view of ['home', 'call', 'end', 'not-found']) {
        $(`${view}-view`).hidden = view !== name;
    }
    document.body.dataset.view = name;
}

/** The live region (#status) with the current human message. */
export function setStatus(text) {
    const status = $('status');
    if (status.textContent !== text) {
        status.textContent = text;
    }
}

// Notices: one is shown at a time, the most important of those that are active.
// A call that ended (a full room, an error) says so on the end view alone, not in a notice too.
const NOTICE_PRIORITY = ['signaling-lost', 'ice-failed', 'media-denied', 'no-camera', 'presenting-failed'];
const notices = new Map();

/**
 * Shows (or updates) the notice of a kind. `actions` are `{label, onClick}` buttons shown with it.
 */
export function setNotice(kind, text, actions = []) {
    notices.set(kind, {text, actions});
    renderNotice();
}

export function clearNotice(kind) {
    if (notices.delete(kind)) {
        renderNotice();
    }
}

export function clearAllNotices() {
    notices.clear();
    renderNotice();
}

function renderNotice() {
    const notice = $('notice');
    const kind = NOTICE_PRIORITY.find((k) => notices.has(k)) ?? '';
    const current = notices.get(kind);
    if (notice.dataset.kind === kind && current && notice.dataset.text === current.text) {
        return;
    }
    notice.dataset.kind = kind;
    notice.dataset.text = current?.text ?? '';
    $('notice-text').textContent = current?.text ?? '';
    const actions = $('notice-actions');
    actions.replaceChildren(...(current?.actions ?? []).map(({label, onClick}) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button small';
        button.textContent = label;
        button.addEventListener('click', onClick);
        return button;
    }));
    notice.hidden = !current;
}

export function setRoomLabel(room, mode) {
    const label = $('room-label');
    label.hidden = !room;
    label.textContent = room ? `Room ${room}${mode === 'mesh' ? ' · group' : ''}` : '';
}

/** The end view: after hang-up, a full room or an error. */
export function showEnd({title, text, rejoinLabel = 'Rejoin', onRejoin}) {
    $('end-title').textContent = title;
    $('end-text').textContent = text ?? '';
    const rejoin = $('rejoin');
    rejoin.textContent = rejoinLabel;
    rejoin.onclick = onRejoin;
    showView('end');
    rejoin.focus({preventScroll: true});
}

// Tiles

const STATE_LABELS = {
    new: 'waiting', connecting: 'connecting…', connected: 'connected', disconnected: 'reconnecting…',
    failed: 'failed', closed: 'closed',
};

export function stateLabel(state) {
    return STATE_LABELS[state] ?? state;
}

function remoteTiles() {
    return [...$('grid').querySelectorAll('.tile.remote')];
}

export function remoteTile(peerId) {
    return remoteTiles().find((tile) => tile.dataset.peer === peerId) ?? null;
}

/** Adds the tile of a remote peer, in state `new`. */
export function addRemoteTile(peerId, name) {
    const tile = document.createElement('figure');
    tile.className = 'tile remote no-video';
    tile.dataset.peer = peerId;
    tile.dataset.state = 'new';

    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;

    const placeholder = document.createElement('div');
    placeholder.className = 'placeholder';
    placeholder.setAttribute('aria-hidden', 'true');
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.textContent = name.replace(/^Guest /, 'G');
    placeholder.append(avatar);

    const caption = document.createElement('figcaption');
    const nameEl = document.createElement('span');
    nameEl.className = 'name';
    nameEl.textContent = name;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = stateLabel('new');
    const net = document.createElement('span');
    net.className = 'net';
    caption.append(nameEl, badge, net);

    const fullscreen = document.createElement('button');
    fullscreen.type = 'button';
    fullscreen.className = 'button small fullscreen';
    fullscreen.hidden = !document.fullscreenEnabled;
    fullscreen.addEventListener('click', () => {
        if (document.fullscreenElement === tile) {
            document.exitFullscreen().catch(() => {});
        } else {
            tile.requestFullscreen().catch((error) => console.warn('Full screen refused:', error.name));
        }
    });

    const message = document.createElement('p');
    message.className = 'tile-message';
    message.hidden = true;

    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'button small play';
    play.textContent = `Play ${name}'s sound`;
    play.hidden = true;
    play.addEventListener('click', () => {
        video.play().then(() => { play.hidden = true; }).catch(() => {});
    });

    tile.append(video, placeholder, caption, message, play, fullscreen);
    labelFullscreen(tile);
    $('grid').append(tile);
    relayout();
    return tile;
}

/** The name a peer gave itself (untrusted: textContent only). */
export function setTileName(peerId, name) {
    const tile = remoteTile(peerId);
    if (!tile) {
        return;
    }
    tile.querySelector('.name').textContent = name;
    tile.querySelector('.avatar').textContent = initials(name);
    tile.querySelector('.play').textContent = `Play ${name}'s sound`;
    labelFullscreen(tile);
}

/** The full-screen button says what a press does: show this tile full screen, or come back. */
function labelFullscreen(tile) {
    const name = tile.querySelector('.name').textContent;
    const button = tile.querySelector('.fullscreen');
    const showing = document.fullscreenElement === tile;
    button.textContent = showing ? 'Exit full screen' : 'Full screen';
    button.setAttribute('aria-label', showing ? `Leave ${name}'s full screen` : `Show ${name} full screen`);
    button.setAttribute('aria-pressed', String(showing));
}

function initials(name) {
    const guest = /^Guest (\d+)$/.exec(name);
    if (guest) {
        return `G${guest[1]}`;
    }
    return name.split(' ').filter(Boolean).slice(0, 2).map((word) => [...word][0].toUpperCase()).join('');
}

export function setLocalName(name) {
    $('local-name').textContent = name ? `${name} (you)` : 'You';
}

/**
 * The network indicator of a peer's tile, from its statistics (netstats.js summarize): the words
 * and a colour for people, the figures as data attributes for whoever inspects the page.
 */
export function setTileNetwork(peerId, summary) {
    const tile = remoteTile(peerId);
    if (!tile) {
        return;
    }
    Object.assign(tile.dataset, {
        route: summary.route, localCandidate: summary.localType, remoteCandidate: summary.remoteType,
        localAddress: summary.localAddress, remoteAddress: summary.remoteAddress,
        rtt: summary.rttMs ?? '', loss: summary.lossPercent ?? '',
        videoBytes: String(summary.videoBytes), videoFrames: String(summary.videoFrames),
    });
    const net = tile.querySelector('.net');
    net.textContent = tile.dataset.state === 'connected' ? describe(summary) : '';
    net.dataset.quality = quality(summary);
    net.title = summary.route === 'relay'
        ? `Through a TURN relay (${summary.localType === 'relay' ? summary.localAddress : summary.remoteAddress})`
        : summary.route === 'direct' ? `Direct (${summary.localType} to ${summary.remoteType})` : '';
}

/** The speaking outline of a tile: a peer id, or 'local'. */
export function setSpeaking(peerId, speaking) {
    const tile = peerId === 'local' ? document.querySelector('.tile.local') : remoteTile(peerId);
    tile?.classList.toggle('speaking', speaking);
}

/** The tile shown large while its peer presents its screen; null: nobody presents. */
export function setPresenter(peerId) {
    for (const tile of remoteTiles()) {
        tile.classList.toggle('presenting', tile.dataset.peer === peerId);
    }
    $('grid').classList.toggle('has-presenter', !!peerId && !!remoteTile(peerId));
}

export function setPresenting(on) {
    $('presenting-banner').hidden = !on;
    const present = $('present');
    present.setAttribute('aria-pressed', String(on));
    present.querySelector('.label').textContent = on ? 'Stop presenting' : 'Present';
    document.querySelector('.tile.local').classList.toggle('presenting-local', on);
}

// Lobby

export function showLobby(show) {
    $('lobby').hidden = !show;
    $('call-view').classList.toggle('in-lobby', show);
    if (show) {
        $('display-name').focus({preventScroll: true});
    }
}

/**
 * Fills a device select with `devices` (MediaDeviceInfo), keeping `selected` chosen when it is
 * among them; a browser that has not been granted access lists devices without labels.
 */
export function setDeviceChoices(selectId, devices, selected, fallbackLabel) {
    const select = $(selectId);
    select.replaceChildren(...devices.map((device, i) => {
        const option = document.createElement('option');
        option.value = device.deviceId;
        option.textContent = device.label || `${fallbackLabel} ${i + 1}`;
        return option;
    }));
    if (devices.some((d) => d.deviceId === selected)) {
        select.value = selected;
    }
    select.disabled = devices.length === 0;
}

/** The device panel lives in the lobby before joining, in the settings panel after. */
export function moveDevicesTo(where) {
    (where === 'lobby' ? $('lobby-form').querySelector('#name-hint') : $('settings-title')).after($('devices'));
}

export function toggleSettings(open = $('settings').hidden) {
    $('settings').hidden = !open;
    $('settings-toggle').setAttribute('aria-pressed', String(open));
    if (open) {
        moveDevicesTo('settings');
        $('chat').hidden = true;
        $('chat-toggle').setAttribute('aria-pressed', 'false');
    }
}

// Chat

/** Opens or closes the chat panel; returns whether it is open. */
export function toggleChat(open = $('chat').hidden) {
    $('chat').hidden = !open;
    $('chat-toggle').setAttribute('aria-pressed', String(open));
    if (open) {
        $('settings').hidden = true;
        $('settings-toggle').setAttribute('aria-pressed', 'false');
        $('chat-input').focus({preventScroll: true});
    }
    return open;
}

export function chatOpen() {
    return !$('chat').hidden;
}

/** A chat line (untrusted text: textContent only); the oldest go past CHAT_HISTORY lines. */
export function appendChat(who, text, mine) {
    const log = $('chat-log');
    const line = document.createElement('li');
    line.className = mine ? 'mine' : 'theirs';
    const author = document.createElement('span');
    author.className = 'who';
    author.textContent = who;
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    line.append(author, body);
    log.append(line);
    while (log.children.length > CHAT_HISTORY) {
        log.firstElementChild.remove();
    }
    line.scrollIntoView?.({block: 'end'});
}

export function setUnread(count) {
    const unread = $('chat-unread');
    unread.hidden = count === 0;
    unread.textContent = count > 99 ? '99+' : String(count);
    $('chat-toggle').setAttribute('aria-label', count === 0 ? 'Chat' : `Chat, ${count} unread`);
}

export function removeRemoteTile(peerId) {
    const tile = remoteTile(peerId);
    if (tile) {
        const video = tile.querySelector('video');
        video.srcObject = null;
        tile.remove();
        relayout();
    }
}

export function removeAllRemoteTiles() {
    for (const tile of remoteTiles()) {
        tile.querySelector('video').srcObject = null;
        tile.remove();
    }
    relayout();
}

/** Keeps `data-state` equal to the connection's state and the badge in words. */
export function setTileState(peerId, state) {
    const tile = remoteTile(peerId);
    if (!tile) {
        return;
    }
    tile.dataset.state = state;
    tile.querySelector('.badge').textContent = tile.classList.contains('gave-up') && state !== 'connected'
        ? 'not connected' : stateLabel(state);
}

/** Marks a tile whose connection could not be made (after the ICE restart). */
export function setTileGaveUp(peerId, gaveUp) {
    const tile = remoteTile(peerId);
    if (tile) {
        tile.classList.toggle('gave-up', gaveUp);
        setTileState(peerId, tile.dataset.state);
    }
}

/** A message over a tile (ICE failure…); '' hides it. */
export function setTileMessage(peerId, text) {
    const tile = remoteTile(peerId);
    if (!tile) {
        return;
    }
    const message = tile.querySelector('.tile-message');
    message.textContent = text;
    message.hidden = !text;
}

/** Shows a peer's media; the placeholder stays while it has no live video. */
export function attachRemoteStream(peerId, stream) {
    const tile = remoteTile(peerId);
    if (!tile) {
        return;
    }
    const video = tile.querySelector('video');
    if (video.srcObject !== stream) {
        video.srcObject = stream;
    }
    const update = () => {
        const hasVideo = stream.getVideoTracks().some((t) => t.readyState === 'live' && !t.muted);
        tile.classList.toggle('no-video', !hasVideo);
    };
    for (const track of stream.getTracks()) {
        track.onmute = update;
        track.onunmute = update;
        track.onended = update;
    }
    update();
    const play = video.play();
    if (play) {
        play.catch((error) => {
            if (error.name === 'NotAllowedError') {
                // Autoplay with sound was refused: a click on the button starts it.
                tile.querySelector('.play').hidden = false;
            }
        });
    }
}

export function showLocalStream(stream) {
    const tile = document.querySelector('.tile.local');
    const video = $('local-video');
    video.srcObject = stream;
    const hasVideo = !!stream && stream.getVideoTracks().length > 0;
    tile.classList.toggle('no-video', !hasVideo);
    if (stream) {
        video.play()?.catch(() => {});
    }
}

export function setLocalVideoOff(off) {
    document.querySelector('.tile.local').classList.toggle('no-video', off);
}

export function setLocalBadge(text) {
    $('local-badge').textContent = text;
}

/** Lays the tiles out in the grid that fits the stage best (see layout.js). */
export function relayout() {
    const grid = $('grid');
    const tiles = [...grid.querySelectorAll('.tile')];
    const stage = $('stage');
    const {cols, rows} = gridLayout(tiles.length, stage.clientWidth, stage.clientHeight);
    grid.style.setProperty('--cols', String(cols));
    grid.style.setProperty('--rows', String(rows));
    grid.dataset.count = String(tiles.length);
    const starts = tileColumnStarts(tiles.length, cols);
    tiles.forEach((tile, i) => {
        tile.style.gridColumnStart = starts[i] === null ? '' : String(starts[i]);
    });
}

export function watchStageSize() {
    if ('ResizeObserver' in window) {
        new ResizeObserver(() => relayout()).observe($('stage'));
    } else {
        window.addEventListener('resize', relayout);
    }
    // Full screen is also left with Esc or the browser's own control.
    document.addEventListener('fullscreenchange', () => remoteTiles().forEach((tile) => labelFullscreen(tile)));
}

// Controls

export function setToggle(id, pressed, label, disabled = false) {
    const button = $(id);
    button.setAttribute('aria-pressed', String(pressed));
    button.querySelector('.label').textContent = label;
    button.disabled = disabled;
}

export function setControlsEnabled(enabled) {
    for (const id of ['mute', 'camera', 'present', 'chat-toggle', 'settings-toggle', 'copy-link', 'hangup']) {
        $(id).disabled = !enabled;
    }
}

/** Copies text with the Clipboard API; without it, shows the link selected for Ctrl+C. */
export async function copyText(text) {
    try {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            $('invite').hidden = true;
            return true;
        }
    } catch (error) {
        console.warn('Clipboard API refused the copy:', error.name);
    }
    const invite = $('invite');
    const input = $('invite-link');
    input.value = text;
    invite.hidden = false;
    input.focus();
    input.select();
    let copied = false;
    try {
        copied = document.execCommand('copy');
    } catch {
        copied = false;
    }
    return copied;
}
