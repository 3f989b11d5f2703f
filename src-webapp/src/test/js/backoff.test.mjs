import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Backoff} from '../../main/webapp/js/backoff.js';

const noJitter = () => 0.5;

test('attempts double from 0.25 s up to 2 s within the grace period', () => {
    const backoff = new Backoff({random: noJitter});
    const delays = [0, 1, 2, 3, 4].map(() => backoff.next(0));
    assert.deepEqual(delays, [250, 500, 1000, 2000, 2000]);
});

test('there is time for several attempts before the 10 s grace period ends', () => {
    const backoff = new Backoff({random: noJitter});
    let now = 0;
    let attempts = 0;
    while (backoff.withinGrace(now)) {
        now += backoff.next(now);
        if (backoff.withinGrace(now)) {
            attempts += 1;
        }
    }
    assert.ok(attempts >= 5, `${attempts} attempts`);
});

test('no attempt is planned past the end of the grace period when one fits before it', () => {
    const backoff = new Backoff({random: () => 0.999});
    backoff.start(0);
    for (let i = 0; i < 10; i++) {
        backoff.next(0);
    }
    assert.equal(backoff.next(8800), 700);
});

test('after the grace period, attempts slow down to 15 s', () => {
    const backoff = new Backoff({random: noJitter});
    backoff.start(0);
    let delay = 0;
    for (let i = 0; i < 12; i++) {
        delay = backoff.next(20000);
    }
    assert.equal(delay, 15000);
    assert.equal(backoff.withinGrace(20000), false);
});

test('jitter stays within 20 %', () => {
    const low = new Backoff({random: () => 0});
    const high = new Backoff({random: () => 0.9999});
    assert.equal(low.next(0), 200);
    assert.equal(high.next(0), 300);
});

test('a connection that worked resets the backoff', () => {
    const backoff = new Backoff({random: noJitter});
    backoff.next(0);
    backoff.next(0);
    backoff.reset();
    assert.equal(backoff.since, null);
    assert.equal(backoff.next(50000), 250);
    assert.equal(backoff.withinGrace(50000), true);
});
