import assert from 'node:assert/strict';
import {test} from 'node:test';
import {initialPlan, onConnectionFailed, PeerBook, peerLabel, routeMessage} from '../../main/webapp/js/peers.js';

const offer = {type: 'offer', sdp: 'v=0'};

test('the newcomer offers to everyone already there', () => {
    assert.deepEqual(initialPlan({peers: ['A', 'B', 'C'], messages: []}), {answer: null, offerTo: ['A', 'B', 'C']});
});

test('the first member offers to nobody', () => {
    assert.deepEqual(initialPlan({peers: [], messages: []}), {answer: null, offerTo: []});
});

test('an offer queued in the join answer is answered; it came from peers[0]', () => {
    const candidate = {type: 'candidate', label: 0, id: '0', candidate: 'candidate:x'};
    const plan = initialPlan({peers: ['A'], messages: [offer, candidate]});
    assert.deepEqual(plan, {answer: {peer: 'A', messages: [offer, candidate]}, offerTo: []});
});

test('queued messages without an offer do not stop the newcomer offering', () => {
    assert.deepEqual(initialPlan({peers: ['A'], messages: [{type: 'bye'}]}), {answer: null, offerTo: ['A']});
});

test('the client never offers to itself', () => {
    assert.deepEqual(initialPlan({peers: ['Me', 'A'], messages: [], peerId: 'Me'}).offerTo, ['A']);
});

test('a message from an unknown peer creates an answering connection', () => {
    assert.deepEqual(routeMessage(offer, undefined), {create: true, action: 'offer'});
    assert.deepEqual(routeMessage({type: 'candidate'}, undefined), {create: true, action: 'candidate'});
});

test('a bye or an answer from an unknown peer is ignored', () => {
    assert.deepEqual(routeMessage({type: 'bye'}, undefined), {create: false, action: 'ignore'});
    assert.deepEqual(routeMessage({type: 'answer', sdp: 'x'}, undefined), {create: false, action: 'ignore'});
});

test('known peers: offers (ICE restarts), answers to our offers, candidates and bye', () => {
    const book = new PeerBook();
    const offerer = book.add('A', 'offerer');
    const answerer = book.add('B', 'answerer');
    assert.deepEqual(routeMessage({type: 'answer', sdp: 'x'}, offerer), {create: false, action: 'answer'});
    assert.deepEqual(routeMessage({type: 'answer', sdp: 'x'}, answerer), {create: false, action: 'ignore'});
    assert.deepEqual(routeMessage(offer, answerer), {create: false, action: 'offer'});
    assert.deepEqual(routeMessage({type: 'candidate'}, offerer), {create: false, action: 'candidate'});
    assert.deepEqual(routeMessage({type: 'bye'}, answerer), {create: false, action: 'bye'});
});

test('the book: peers added, removed when they leave, cleared at the end', () => {
    const book = new PeerBook();
    const a = book.add('A', 'offerer');
    book.add('B', 'answerer');
    assert.equal(book.remove('A'), a);
    assert.equal(a.closed, true, 'its session sees it is gone');
    assert.equal(book.remove('A'), undefined);
    assert.deepEqual(book.ids(), ['B']);
    assert.equal(book.clear().length, 1);
    assert.equal(book.size, 0);
    assert.throws(() => { book.add('C', 'offerer'); book.add('C', 'offerer'); });
});

test('messages about a member are taken with or without its connection', () => {
    for (const type of ['hello', 'chat', 'presenting']) {
        assert.deepEqual(routeMessage({type}, undefined), {create: false, action: type});
        assert.deepEqual(routeMessage({type}, new PeerBook().add('A', 'offerer')), {create: false, action: type});
    }
});

test('peers are named in the order they appeared', () => {
    const book = new PeerBook();
    assert.equal(peerLabel(book.add('A', 'offerer')), 'Guest 1');
    book.remove('A');
    const b = book.add('B', 'offerer');
    assert.equal(peerLabel(b), 'Guest 2');
    b.name = 'Ada';
    assert.equal(peerLabel(b), 'Ada', 'the name it gave itself, once it did');
});

test('candidates before the remote description wait, in order', () => {
    const peer = new PeerBook().add('A', 'answerer');
    assert.equal(peer.queueCandidate('c1'), true);
    assert.equal(peer.queueCandidate('c2'), true);
    assert.deepEqual(peer.takePendingCandidates(), ['c1', 'c2']);
    assert.equal(peer.queueCandidate('c3'), false, 'after the remote description, candidates go straight in');
    assert.deepEqual(peer.takePendingCandidates(), []);
});

test('ICE failure: the offerer restarts once, then gives up', () => {
    const peer = new PeerBook().add('A', 'offerer');
    assert.equal(onConnectionFailed(peer), 'restart');
    assert.equal(onConnectionFailed(peer), 'give-up');
});

test('ICE failure: the answerer waits for the restart offer once, then gives up', () => {
    const peer = new PeerBook().add('A', 'answerer');
    assert.equal(onConnectionFailed(peer), 'wait');
    assert.equal(onConnectionFailed(peer), 'give-up');
});
