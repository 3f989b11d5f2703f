import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import {ANSWERER_WAIT_MS, CONNECT_TIMEOUT_MS, IceRecovery} from '../../main/webapp/js/ice-recovery.js';
import {PeerBook} from '../../main/webapp/js/peers.js';

function recovery(role, state = 'connecting') {
    const seen = [];
    const restarts = [];
    const peer = new PeerBook().add('A', role);
    const connection = {state};
    const ice = new IceRecovery(peer, {
        connectionState: () => connection.state,
        restart: () => restarts.push(Date.now()),
        onChange: (status) => seen.push(status),
    });
    return {ice, seen, restarts, connection, peer};
}

test('a connection that never gets anywhere is restarted by the offerer after the timeout, then given up', (t) => {
    t.mock.timers.enable({apis: ['setTimeout', 'Date']});
    const {ice, seen, restarts} = recovery('offerer');
    ice.arm();
    t.mock.timers.tick(CONNECT_TIMEOUT_MS - 1);
    assert.deepEqual(seen, []);
    t.mock.timers.tick(1);
    assert.deepEqual(seen, ['restarting']);
    assert.equal(restarts.length, 1);
    t.mock.timers.tick(CONNECT_TIMEOUT_MS);
    assert.deepEqual(seen, ['restarting', 'gave-up']);
    assert.equal(ice.gaveUp, true);
});

test('the answerer waits for the restart offer, then gives up; connecting clears it all', (t) => {
    t.mock.timers.enable({apis: ['setTimeout']});
    const {ice, seen, connection} = recovery('answerer');
    ice.onState('failed');
    assert.deepEqual(seen, ['waiting']);
    t.mock.timers.tick(ANSWERER_WAIT_MS);
    assert.deepEqual(seen, ['waiting', 'gave-up']);
    connection.state = 'connected';
    ice.onState('connected');
    assert.deepEqual(seen, ['waiting', 'gave-up', 'connected']);
    assert.equal(ice.gaveUp, false);
});

test('a peer that left is not restarted', (t) => {
    t.mock.timers.enable({apis: ['setTimeout']});
    const {ice, seen, peer} = recovery('offerer');
    ice.arm();
    peer.closed = true;
    t.mock.timers.tick(CONNECT_TIMEOUT_MS);
    assert.deepEqual(seen, []);
    mock.reset();
});
