import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
    callPath, isValidRoomId, joinPath, leavePath, normalizeRoomInput, parseRoute, queryOfRoomInput,
    randomRoomName, wantsRelayOnly,
} from '../../main/webapp/js/room.js';

test('/ is the home view, /r/{room} the call view', () => {
    assert.deepEqual(parseRoute('/'), {view: 'home'});
    assert.deepEqual(parseRoute('/r/team-sync'), {view: 'call', room: 'team-sync'});
    assert.deepEqual(parseRoute('/r/123456789/'), {view: 'call', room: '123456789'});
});

test('room ids outside 1-64 of [A-Za-z0-9_-] are not a call view', () => {
    assert.deepEqual(parseRoute('/r/a.b'), {view: 'not-found'});
    assert.deepEqual(parseRoute(`/r/${'x'.repeat(65)}`), {view: 'not-found'});
    assert.deepEqual(parseRoute('/r/%E0%A4%A'), {view: 'not-found'});
    assert.deepEqual(parseRoute('/r/'), {view: 'not-found'});
    assert.deepEqual(parseRoute('/other'), {view: 'not-found'});
    assert.equal(isValidRoomId('x'.repeat(64)), true);
    assert.equal(isValidRoomId(''), false);
    assert.equal(isValidRoomId('a b'), false);
});

test('what people type becomes a room id: spaces to dashes, invite links to their room', () => {
    assert.equal(normalizeRoomInput('  team sync '), 'team-sync');
    assert.equal(normalizeRoomInput('https://host:8443/r/abc_1?mode=mesh'), 'abc_1');
    assert.equal(normalizeRoomInput('héllo'), null);
    assert.equal(normalizeRoomInput(''), null);
    assert.equal(queryOfRoomInput('https://host:8443/r/abc_1?mode=mesh&it=relay'), '?mode=mesh&it=relay');
    assert.equal(queryOfRoomInput('abc'), '');
});

test('random room names have 9 digits, as AppRTC makes them', () => {
    for (let i = 0; i < 200; i++) {
        assert.match(randomRoomName(), /^[1-9][0-9]{8}$/);
    }
    assert.equal(randomRoomName(() => 0), '100000000');
    assert.equal(randomRoomName(() => 0.99999), '999999999');
});

test('the group-call toggle adds mode=mesh and keeps other parameters', () => {
    assert.equal(callPath('abc'), '/r/abc');
    assert.equal(callPath('abc', {mesh: true}), '/r/abc?mode=mesh');
    assert.equal(callPath('abc', {mesh: true, query: 'it=relay'}), '/r/abc?it=relay&mode=mesh');
    assert.equal(callPath('abc', {query: '?it=relay'}), '/r/abc?it=relay');
});

test('the join URL carries the page query as it is', () => {
    assert.equal(joinPath('abc', ''), '/join/abc');
    assert.equal(joinPath('abc', '?mode=mesh&it=relay'), '/join/abc?mode=mesh&it=relay');
    assert.equal(joinPath('abc', 'mode=mesh'), '/join/abc?mode=mesh');
    assert.equal(leavePath('abc', 'q3V-h_'), '/leave/abc/q3V-h_');
});

test('it=relay asks for relay-only ICE', () => {
    assert.equal(wantsRelayOnly('?it=relay'), true);
    assert.equal(wantsRelayOnly('?mode=mesh&it=relay'), true);
    assert.equal(wantsRelayOnly('?it=all'), false);
    assert.equal(wantsRelayOnly(''), false);
});
