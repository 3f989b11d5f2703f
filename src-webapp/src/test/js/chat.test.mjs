import assert from 'node:assert/strict';
import {test} from 'node:test';
import {CHAT_MAX_CHARS, chatMessage, chatTextOf, cleanName, helloMessage, NAME_MAX_CHARS, nameOf} from
    '../../main/webapp/js/chat.js';
import {loadPreferences, savePreferences} from '../../main/webapp/js/prefs.js';

test('a name is one line of at most 40 characters, without controls or direction overrides', () => {
    assert.equal(cleanName('  Ada \n\t Lovelace  '), 'Ada Lovelace');
    assert.equal(cleanName('x'.repeat(100)).length, NAME_MAX_CHARS);
    assert.equal(cleanName('evil\u202egnp.exe'), 'evilgnp.exe');
    assert.equal(cleanName(null), '');
    assert.deepEqual(helloMessage(' Grace '), {type: 'hello', name: 'Grace'});
});

test('what others send is checked again on arrival: a hello without a string name names nobody', () => {
    assert.equal(nameOf({type: 'hello', name: 'Bob\u0000'}), 'Bob');
    assert.equal(nameOf({type: 'hello', name: {toString: 'x'}}), '');
    assert.equal(nameOf({type: 'hello'}), '');
    assert.equal(nameOf({type: 'hello', name: '<img src=x onerror=alert(1)>'}), '<img src=x onerror=alert(1)>',
        'markup is kept as text: the page shows it with textContent');
});

test('a chat line keeps its newlines, loses other controls and is cut at 500 characters', () => {
    assert.deepEqual(chatMessage(' hello\nthere\u0007 '), {type: 'chat', text: 'hello\nthere'});
    assert.equal(chatMessage('y'.repeat(2000)).text.length, CHAT_MAX_CHARS);
    assert.equal(chatTextOf({type: 'chat', text: 'z'.repeat(9000)}).length, CHAT_MAX_CHARS);
    assert.equal(chatTextOf({type: 'chat', text: 42}), '');
    assert.equal(chatMessage('   ').text, '', 'nothing to send');
});

test('preferences: remembered locally, and whatever was stored is read as text or not at all', () => {
    const stored = new Map();
    const storage = {getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, v)};
    assert.deepEqual(loadPreferences(storage), {name: '', cameraId: '', microphoneId: '', speakerId: ''});
    savePreferences({name: 'Ada', cameraId: 'cam-1', microphoneId: '', speakerId: 'spk'}, storage);
    assert.deepEqual(loadPreferences(storage), {name: 'Ada', cameraId: 'cam-1', microphoneId: '', speakerId: 'spk'});
    stored.set('wildrtc.preferences', '{"name": 7, "cameraId": ["x"]}');
    assert.deepEqual(loadPreferences(storage), {name: '', cameraId: '', microphoneId: '', speakerId: ''});
    stored.set('wildrtc.preferences', 'not json');
    assert.equal(loadPreferences(storage).name, '');
    assert.equal(loadPreferences(undefined).name, '', 'no storage (a sandboxed frame)');
});
