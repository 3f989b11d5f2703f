// Room names and the page's routes: pure functions, no DOM (tested with node --test).

/** Room ids as the server accepts them (docs/api.md "Ids"). */
export const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidRoomId(room) {
    return typeof room === 'string' && ROOM_ID.test(room);
}

/**
 * Which view a location shows: `{view: 'home'}` at `/`, `{view: 'call', room}` at `/r/{room}`,
 * `{view: 'not-found'}` for anything else (a bad room id included).
 */
export function parseRoute(pathname) {
    if (pathname === '/' || pathname === '' || pathname === '/index.html') {
        return {view: 'home'};
    }
    const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
    if (match) {
        let room;
        try {
            room = decodeURIComponent(match[1]);
        } catch {
            return {view: 'not-found'};
        }
        if (isValidRoomId(room)) {
            return {view: 'call', room};
        }
    }
    return {view: 'not-found'};
}

/** Turns what a person typed ("Team sync!", a pasted invite link) into a room id, or null. */
export function normalizeRoomInput(text) {
    let value = String(text ?? '').trim();
    const link = /\/r\/([^/?#\s]+)/.exec(value);
    if (link) {
        try {
            value = decodeURIComponent(link[1]);
        } catch {
            return null;
        }
    }
    value = value.replace(/\s+/g, '-');
    return isValidRoomId(value) ? value : null;
}

/** The query of a pasted invite link (`?mode=mesh`), or ''. */
export function queryOfRoomInput(text) {
    const match = /\/r\/[^/?#\s]+(\?[^#\s]*)/.exec(String(text ?? '').trim());
    return match ? match[1] : '';
}

/** A random 9-digit room name, as AppRTC makes them. `random` returns a float in [0, 1). */
export function randomRoomName(random = Math.random) {
    let name = String(1 + Math.floor(random() * 9));
    for (let i = 0; i < 8; i++) {
        name += String(Math.floor(random() * 10));
    }
    return name;
}

/** `/r/{room}` plus the query: `mesh` adds `mode=mesh`, other parameters of `query` are kept. */
export function callPath(room, {mesh = false, query = ''} = {}) {
    const params = new URLSearchParams(query);
    if (mesh) {
        params.set('mode', 'mesh');
    }
    const search = params.toString();
    return `/r/${encodeURIComponent(room)}${search ? `?${search}` : ''}`;
}

/** True when the page asks for relay-only ICE (AppRTC's `it=relay`). */
export function wantsRelayOnly(search) {
    return new URLSearchParams(search).get('it') === 'relay';
}

/** The join URL for a room, with the page's query passed on as it is. */
export function joinPath(room, search) {
    const query = typeof search === 'string' && search.length > 1 ? (search.startsWith('?') ? search : `?${search}`) : '';
    return `/join/${encodeURIComponent(room)}${query}`;
}

export function leavePath(room, clientId) {
    return `/leave/${encodeURIComponent(room)}/${encodeURIComponent(clientId)}`;
}
