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
        + '{"msg":"","error":"Invalid send request: unknown peer","code":"unknown-peer"}\n'
        + '{"msg":"","error":"Collider said so"}\n';
    assert.deepEqual(parseServerText(text), [
        {kind: 'joined', peer: 'Ab1'},
        {kind: 'left', peer: 'Cd2'},
        {kind: 'error', error: 'Invalid send request: unknown peer', code: 'unknown-peer'},
        {kind: 'error', error: 'Collider said so', code: ''},
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

test('server errors, by code: which ones mean joining again, retrying, or nothing', () => {
    assert.equal(classifyError('unknown-client'), 'rejoin');
    assert.equal(classifyError('room-full'), 'rejoin');
    assert.equal(classifyError('already-registered'), 'retry');
    assert.equal(classifyError('register-timeout'), 'retry');
    assert.equal(classifyError('unknown-peer'), 'unknown-peer');
    assert.equal(classifyError('too-many-messages'), 'ignore');
    assert.equal(classifyError('queue-full'), 'ignore');
    assert.equal(classifyError('unknown-cmd'), 'ignore');
    assert.equal(classifyError('not-registered'), 'fatal');
    assert.equal(classifyError(''), 'fatal', 'no code: not our server, or a frame this client cannot act on');
    // the wording is not looked at
    assert.equal(classifyError('Max room capacity reached'), 'fatal');
});

test('what members say about themselves is parsed and cleaned on arrival; an empty chat line is dropped', () => {
    assert.deepEqual(parseMessage(JSON.stringify({type: 'hello', name: ' Ada\u0000 '})), {type: 'hello', name: 'Ada'});
    assert.deepEqual(parseMessage(JSON.stringify({type: 'hello'})), {type: 'hello', name: ''});
    assert.deepEqual(parseMessage(JSON.stringify({type: 'chat', text: 'hi <b>'})), {type: 'chat', text: 'hi <b>'});
    assert.equal(parseMessage(JSON.stringify({type: 'chat', text: '  '})), null);
    assert.deepEqual(parseMessage(JSON.stringify({type: 'presenting', on: 'yes'})), {type: 'presenting', on: false});
    assert.deepEqual(parseMessage(JSON.stringify({type: 'presenting', on: true})), {type: 'presenting', on: true});
});
