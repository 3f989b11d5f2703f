import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
    candidateInit, candidateMessage, classifyError, parseMessage, parseServerText, registerFrame, sendFrame,
} from '../../main/webapp/js/protocol.js';

test('register asks for membership events', () => {
    assert.deepEqual(JSON.parse(registerFrame('room', 'secret')),
        {cmd: 'register', roomid: 'room', clientid: 'secret', events: true});
});

test('send carries the message as JSON text, addressed to one peer', () => {
    const frame = JSON.parse(sendFrame({type: 'bye'}, 'Ab1'));
    assert.deepEqual(frame, {cmd: 'send', msg: '{"type":"bye"}', to: 'Ab1'});
    assert.equal(JSON.parse(sendFrame({type: 'bye'})).to, undefined);
});

test('a message frame from a peer', () => {
    const offer = {sdp: 'v=0\r\n', type: 'offer'};
    const [event] = parseServerText(`${JSON.stringify({msg: JSON.stringify(offer), error: '', from: 'Ab1'})}\n`);
    assert.deepEqual(event, {kind: 'message', from: 'Ab1', message: {type: 'offer', sdp: 'v=0\r\n'}});
});

test('membership events and errors', () => {
    const text = '{"msg":"","error":"","event":"joined","peer":"Ab1"}\n'
        + '{"msg":"","error":"","event":"left","peer":"Cd2"}\n'
        + '{"msg":"","error":"Invalid send request: unknown peer"}\n';
    assert.deepEqual(parseServerText(text), [
        {kind: 'joined', peer: 'Ab1'},
        {kind: 'left', peer: 'Cd2'},
        {kind: 'error', error: 'Invalid send request: unknown peer'},
    ]);
});

test('frames that are not understood are reported, not thrown', () => {
    assert.equal(parseServerText('nope')[0].kind, 'invalid');
    assert.equal(parseServerText('{"msg":"","error":""}')[0].kind, 'invalid');
    assert.equal(parseServerText('{"msg":"{\\"type\\":\\"dance\\"}","error":""}')[0].kind, 'invalid');
    assert.equal(parseServerText('{"msg":"","error":"","event":"party","peer":"x"}')[0].kind, 'invalid');
    assert.deepEqual(parseServerText(''), []);
});

test('AppRTC messages are checked for the fields their type needs', () => {
    assert.deepEqual(parseMessage('{"type":"bye"}'), {type: 'bye'});
    assert.deepEqual(parseMessage({type: 'answer', sdp: 'x'}), {type: 'answer', sdp: 'x'});
    assert.equal(parseMessage('{"type":"offer"}'), null);
    assert.equal(parseMessage('{"type":"candidate","label":0}'), null);
    assert.deepEqual(parseMessage('{"type":"candidate","label":1,"id":"1","candidate":"candidate:1 1 udp 1 1.2.3.4 5 typ host"}'),
        {type: 'candidate', label: 1, id: '1', candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host'});
});

test('candidates in AppRTC form and back', () => {
    const ice = {candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host', sdpMLineIndex: 0, sdpMid: '0'};
    const message = candidateMessage(ice);
    assert.deepEqual(message, {type: 'candidate', label: 0, id: '0', candidate: ice.candidate});
    assert.deepEqual(candidateInit(parseMessage(JSON.stringify(message))), ice);
});

test('server errors: which ones mean joining again, retrying, or nothing', () => {
    assert.equal(classifyError('Invalid register request: unknown client, join the room first'), 'rejoin');
    assert.equal(classifyError('Max room capacity reached'), 'rejoin');
    assert.equal(classifyError('Duplicated registration'), 'retry');
    assert.equal(classifyError('Register timeout'), 'retry');
    assert.equal(classifyError('Invalid send request: unknown peer'), 'unknown-peer');
    assert.equal(classifyError('Too many messages: the limit is 100 per second'), 'ignore');
    assert.equal(classifyError('Too many messages queued for the client'), 'ignore');
    assert.equal(classifyError('Client not registered'), 'fatal');
});
