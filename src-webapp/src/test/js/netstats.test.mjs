import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describe, quality, summarize} from '../../main/webapp/js/netstats.js';

const chromiumRelay = [
    {id: 'T1', type: 'transport', selectedCandidatePairId: 'P1'},
    {id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', currentRoundTripTime: 0.0123},
    {id: 'P2', type: 'candidate-pair', localCandidateId: 'L2', remoteCandidateId: 'R1', currentRoundTripTime: 0.5},
    {id: 'L1', type: 'local-candidate', candidateType: 'relay', address: '203.0.113.61'},
    {id: 'L2', type: 'local-candidate', candidateType: 'host', address: '198.51.100.10'},
    {id: 'R1', type: 'remote-candidate', candidateType: 'relay', address: '203.0.113.61'},
    {id: 'V', type: 'inbound-rtp', kind: 'video', bytesReceived: 5000, framesDecoded: 30, packetsReceived: 90, packetsLost: 0},
    {id: 'A', type: 'inbound-rtp', kind: 'audio', audioLevel: 0.2, packetsReceived: 10, packetsLost: 0},
];

test("Chromium's selected pair comes from its transport; relay at either end is a relayed call", () => {
    const summary = summarize(chromiumRelay);
    assert.equal(summary.route, 'relay');
    assert.equal(summary.localType, 'relay');
    assert.equal(summary.localAddress, '203.0.113.61');
    assert.equal(summary.rttMs, 12);
    assert.equal(summary.videoBytes, 5000);
    assert.equal(summary.videoFrames, 30);
    assert.equal(summary.audioLevel, 0.2);
    assert.equal(summary.lossPercent, null, 'no interval yet');
});

test("Firefox's selected pair says so itself, and its candidates carry the address as ip", () => {
    const summary = summarize([
        {id: 'P1', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R', selected: true, nominated: true,
            state: 'succeeded', currentRoundTripTime: 0.002},
        {id: 'L', type: 'local-candidate', candidateType: 'host', ip: '192.0.2.10'},
        {id: 'R', type: 'remote-candidate', candidateType: 'srflx', ip: '192.0.2.20'},
    ]);
    assert.deepEqual([summary.route, summary.localAddress, summary.remoteType, summary.rttMs],
        ['direct', '192.0.2.10', 'srflx', 2]);
});

test('before a pair is selected the route is unknown and the indicator says connecting', () => {
    const summary = summarize([{id: 'P', type: 'candidate-pair', state: 'in-progress'}]);
    assert.equal(summary.route, '');
    assert.equal(describe(summary), 'connecting…');
    assert.equal(quality(summary), '');
});

test('loss is over the interval since the last reading, not since the call began', () => {
    const first = summarize([{id: 'V', type: 'inbound-rtp', kind: 'video', packetsReceived: 1000, packetsLost: 500}]);
    const second = summarize([{id: 'V', type: 'inbound-rtp', kind: 'video', packetsReceived: 1095, packetsLost: 505}], first);
    assert.equal(second.lossPercent, 5);
    const idle = summarize([{id: 'V', type: 'inbound-rtp', kind: 'video', packetsReceived: 1095, packetsLost: 505}], second);
    assert.equal(idle.lossPercent, null, 'nothing arrived: nothing to measure');
});

test('the indicator: words, and a colour from round trip and loss', () => {
    const summary = {...summarize(chromiumRelay), lossPercent: 0};
    assert.equal(describe(summary), 'relay · 12 ms · 0% loss');
    assert.equal(quality(summary), 'good');
    assert.equal(quality({rttMs: 200, lossPercent: 0}), 'fair');
    assert.equal(quality({rttMs: 20, lossPercent: 1.5}), 'fair');
    assert.equal(quality({rttMs: 450, lossPercent: null}), 'poor');
    assert.equal(quality({rttMs: null, lossPercent: 8}), 'poor');
});

test('the speaking level is the RMS over the last interval, so a word between two readings counts', () => {
    const audio = (energy, seconds, audioLevel) => [{id: 'A', type: 'inbound-rtp', kind: 'audio', audioLevel,
        totalAudioEnergy: energy, totalSamplesDuration: seconds}];
    const first = summarize(audio(0.01, 10, 0));
    assert.equal(first.audioLevel, 0, 'no interval yet: the momentary level');
    // 0.01 of energy over one second: an RMS of 0.1, though the sound had stopped at the reading
    const second = summarize(audio(0.02, 11, 0), first);
    assert.ok(Math.abs(second.audioLevel - 0.1) < 1e-9, String(second.audioLevel));
    assert.equal(summarize(audio(0.02, 12, 0), second).audioLevel, 0, 'silence');
});
