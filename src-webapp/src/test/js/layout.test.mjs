import assert from 'node:assert/strict';
import {test} from 'node:test';
import {gridLayout, tileColumnStarts} from '../../main/webapp/js/layout.js';

const desktop = [1280, 640];
const phone = [348, 560];  // a 360 px wide phone held upright, less the margins and controls

test('one tile fills the stage', () => {
    assert.deepEqual(gridLayout(1, ...desktop), {cols: 1, rows: 1});
    assert.deepEqual(gridLayout(1, ...phone), {cols: 1, rows: 1});
});

test('two tiles: side by side on a wide screen, stacked on a phone', () => {
    assert.deepEqual(gridLayout(2, ...desktop), {cols: 2, rows: 1});
    assert.deepEqual(gridLayout(2, ...phone), {cols: 1, rows: 2});
});

test('three and four tiles: 2 x 2 on a wide screen', () => {
    assert.deepEqual(gridLayout(3, ...desktop), {cols: 2, rows: 2});
    assert.deepEqual(gridLayout(4, ...desktop), {cols: 2, rows: 2});
    assert.deepEqual(gridLayout(4, 1024, 700), {cols: 2, rows: 2});
});

test('five and six tiles: 3 x 2 on a wide screen, 2 x 3 on a phone', () => {
    assert.deepEqual(gridLayout(5, ...desktop), {cols: 3, rows: 2});
    assert.deepEqual(gridLayout(6, ...desktop), {cols: 3, rows: 2});
    assert.deepEqual(gridLayout(5, ...phone), {cols: 2, rows: 3});
    assert.deepEqual(gridLayout(6, ...phone), {cols: 2, rows: 3});
});

test('every tile has a cell', () => {
    for (let n = 1; n <= 8; n++) {
        for (const [w, h] of [desktop, phone, [360, 200], [2000, 300]]) {
            const {cols, rows} = gridLayout(n, w, h);
            assert.ok(cols * rows >= n, `${n} tiles in ${w}x${h}`);
            assert.ok(cols * (rows - 1) < n, `no empty row for ${n} tiles in ${w}x${h}`);
        }
    }
});

test('before the stage has a size, a near-square grid', () => {
    assert.deepEqual(gridLayout(4, 0, 0), {cols: 2, rows: 2});
    assert.deepEqual(gridLayout(0, 0, 0), {cols: 1, rows: 1});
});

test('an incomplete last row is centred', () => {
    assert.deepEqual(tileColumnStarts(3, 2), [null, null, 2]);
    assert.deepEqual(tileColumnStarts(5, 3), [null, null, null, 2, null]);
    assert.deepEqual(tileColumnStarts(4, 2), [null, null, null, null]);
    assert.deepEqual(tileColumnStarts(2, 1), [null, null]);
});
