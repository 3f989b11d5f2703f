import assert from 'node:assert/strict';
import {test} from 'node:test';
import {iceServersOf, MAINTENANCE_TEXT, parseJoinResponse, rtcConfiguration} from '../../main/webapp/js/join.js';

const turn = {urls: ['turn:127.0.0.1:3478?transport=udp'], username: 'u', credential: 'c'};

function success(params) {
    return {
        result: 'SUCCESS',
        params: {
            client_id: 'secret', room_id: 'team-sync', peer_id: 'Me', peers: ['Ab1', 'Cd2'],
            is_initiator: 'false', messages: [], room_mode: 'mesh', room_capacity: 6,
            room_link: 'https://host:8443/r/team-sync?mode=mesh', wss_url: 'wss://host:8443/ws',
            pc_config: JSON.stringify({iceServers: [turn], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'}),
            ice_servers: [turn],
            ...params,
        },
    };
}

test('a SUCCESS answer gives ids, peers, mode and the socket URL', () => {
    const joined = parseJoinResponse(success({}));
    assert.equal(joined.kind, 'joined');
    assert.equal(joined.clientId, 'secret');
    assert.equal(joined.peerId, 'Me');
    assert.deepEqual(joined.peers, ['Ab1', 'Cd2']);
    assert.equal(joined.roomMode, 'mesh');
    assert.equal(joined.roomCapacity, 6);
    assert.equal(joined.isInitiator, false);
    assert.equal(joined.wssUrl, 'wss://host:8443/ws');
    assert.equal(joined.roomLink, 'https://host:8443/r/team-sync?mode=mesh');
});

test('is_initiator is a string', () => {
    assert.equal(parseJoinResponse(success({is_initiator: 'true'})).isInitiator, true);
});

test('queued messages are JSON text and come parsed; bad ones are dropped', () => {
    const offer = {type: 'offer', sdp: 'v=0'};
    const joined = parseJoinResponse(success({messages: [JSON.stringify(offer), 'not json', '42']}));
    assert.deepEqual(joined.messages, [offer]);
});

test('MAINTENANCE: the server drains and makes no new rooms; people are told to come back soon', () => {
    assert.deepEqual(parseJoinResponse({result: 'MAINTENANCE'}), {kind: 'maintenance'});
    assert.equal(MAINTENANCE_TEXT, 'This server is being maintained. Try again in a few minutes.');
});

test('FULL and ERROR results', () => {
    assert.deepEqual(parseJoinResponse({result: 'FULL', params: {messages: []}}), {kind: 'full'});
    assert.equal(parseJoinResponse({result: 'ERROR'}).kind, 'error');
    assert.equal(parseJoinResponse(null).kind, 'error');
    assert.equal(parseJoinResponse({result: 'SUCCESS', params: {}}).kind, 'error');
});

test('ICE servers come from ice_servers, else from pc_config', () => {
    assert.deepEqual(iceServersOf({ice_servers: [turn]}), [turn]);
    assert.deepEqual(iceServersOf({ice_servers: JSON.stringify([turn])}), [turn]);
    assert.deepEqual(iceServersOf({pc_config: JSON.stringify({iceServers: [turn]})}), [turn]);
    assert.deepEqual(iceServersOf({}), []);
    const joined = parseJoinResponse(success({ice_servers: undefined}));
    assert.deepEqual(joined.iceServers, [turn]);
});

test('relay-only ICE from it=relay, or from pc_config iceTransports', () => {
    const joined = parseJoinResponse(success({}));
    assert.equal(rtcConfiguration(joined).iceTransportPolicy, 'all');
    assert.equal(rtcConfiguration(joined, {relayOnly: true}).iceTransportPolicy, 'relay');
    const relayed = parseJoinResponse(success({pc_config: JSON.stringify({iceServers: [turn], iceTransports: 'relay'})}));
    assert.equal(rtcConfiguration(relayed).iceTransportPolicy, 'relay');
    assert.equal(rtcConfiguration(joined).bundlePolicy, 'max-bundle');
    assert.deepEqual(rtcConfiguration(joined).iceServers, [turn]);
});
