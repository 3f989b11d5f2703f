// Reading the answer of POST /join/{room} (docs/api.md "Room API"): pure functions, no DOM.

function parseJsonText(text, fallback) {
    if (typeof text !== 'string') {
        return text ?? fallback;
    }
    try {
        return JSON.parse(text);
    } catch {
        return fallback;
    }
}

/** What people see when the server drains (docs/api.md: a MAINTENANCE join answer). */
export const MAINTENANCE_TEXT = 'This server is being maintained. Try again in a few minutes.';

/**
 * The join answer as the client uses it:
 * `{kind: 'full'}`, `{kind: 'maintenance'}` (the server drains and makes no new rooms),
 * `{kind: 'error', reason}` or `{kind: 'joined', roomId, clientId, peerId, peers,
 * messages, isInitiator, roomMode, roomCapacity, roomLink, wssUrl, iceServers, pcConfig}`.
 * `messages` are parsed signaling messages (AppRTC queues them as JSON text).
 */
export function parseJoinResponse(body) {
    if (!body || typeof body !== 'object') {
        return {kind: 'error', reason: 'The server sent an answer the client does not understand.'};
    }
    if (body.result === 'FULL') {
        return {kind: 'full'};
    }
    if (body.result === 'MAINTENANCE') {
        return {kind: 'maintenance'};
    }
    if (body.result !== 'SUCCESS') {
        return {kind: 'error', reason: `The server could not join the room (${String(body.result ?? 'no result')}).`};
    }
    const params = body.params ?? {};
    if (typeof params.client_id !== 'string' || typeof params.wss_url !== 'string') {
        return {kind: 'error', reason: 'The server\'s join answer misses the client id or the signaling URL.'};
    }
    const pcConfig = parseJsonText(params.pc_config, {}) ?? {};
    return {
        kind: 'joined',
        roomId: String(params.room_id ?? ''),
        clientId: params.client_id,
        peerId: typeof params.peer_id === 'string' ? params.peer_id : '',
        peers: Array.isArray(params.peers) ? params.peers.filter((p) => typeof p === 'string') : [],
        messages: (Array.isArray(params.messages) ? params.messages : [])
            .map((m) => parseJsonText(m, null))
            .filter((m) => m && typeof m === 'object'),
        isInitiator: params.is_initiator === true || params.is_initiator === 'true',
        roomMode: params.room_mode === 'mesh' ? 'mesh' : 'pair',
        roomCapacity: Number(params.room_capacity) || (params.room_mode === 'mesh' ? 6 : 2),
        roomLink: typeof params.room_link === 'string' ? params.room_link : '',
        wssUrl: params.wss_url,
        iceServers: iceServersOf(params, pcConfig),
        pcConfig,
    };
}

/** `params.ice_servers` (a JSON array), else the `iceServers` of `pc_config`. */
export function iceServersOf(params, pcConfig = parseJsonText(params?.pc_config, {})) {
    const direct = parseJsonText(params?.ice_servers, null);
    if (Array.isArray(direct)) {
        return direct;
    }
    return Array.isArray(pcConfig?.iceServers) ? pcConfig.iceServers : [];
}

/**
 * The RTCConfiguration for every peer connection of the call. `relayOnly` comes from the page's
 * `it=relay`; `pc_config`'s `iceTransports` (AppRTC's old name) says the same.
 */
export function rtcConfiguration(joined, {relayOnly = false} = {}) {
    const pc = joined.pcConfig ?? {};
    const relay = relayOnly || pc.iceTransports === 'relay' || pc.iceTransportPolicy === 'relay';
    return {
        iceServers: joined.iceServers,
        iceTransportPolicy: relay ? 'relay' : 'all',
        bundlePolicy: pc.bundlePolicy ?? 'max-bundle',
        rtcpMuxPolicy: pc.rtcpMuxPolicy ?? 'require',
    };
}
