import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  adjustmentEffect,
  difference,
  lineEffect,
  negate,
  roundQty,
} from '../../../emulators/qbo/inventory-effects.js';

test('lineEffect sums lines per item with the entity sign; sign 0 has no effect', () => {
  const lines = [
    { itemId: '1', qty: 2 },
    { itemId: '2', qty: 1.5 },
    { itemId: '1', qty: 3 },
  ];
  assert.deepEqual(
    [...lineEffect(-1, lines)],
    [
      ['1', -5],
      ['2', -1.5],
    ],
  );
  assert.deepEqual(
    [...lineEffect(1, lines)],
    [
      ['1', 5],
      ['2', 1.5],
    ],
  );
  assert.equal(lineEffect(0, lines).size, 0);
});

test('adjustmentEffect: QtyDiff adds, NewQty sets relative to the quantity seen so far', () => {
  const current = new Map([
    ['1', 10],
    ['2', 4],
  ]);
  const effect = adjustmentEffect(
    [
      { itemId: '1', qtyDiff: -2 },
      { itemId: '2', newQty: 7 },
      { itemId: '1', newQty: 3 },
    ],
    (id) => current.get(id) ?? 0,
  );
  assert.deepEqual(
    [...effect],
    [
      ['1', -7],
      ['2', 3],
    ],
  );
});

test('difference gives what an update changes; negate reverses; rounding removes float noise', () => {
  const before = new Map([
    ['1', -3],
    ['2', -1],
  ]);
  const after = new Map([
    ['1', -5],
    ['3', -2],
  ]);
  assert.deepEqual(
    [...difference(before, after)],
    [
      ['1', -2],
      ['2', 1],
      ['3', -2],
    ],
  );
  assert.deepEqual([...difference(after, after)], []);
  assert.deepEqual(
    [...negate(before)],
    [
      ['1', 3],
      ['2', 1],
    ],
  );
  assert.equal(roundQty(0.1 + 0.2), 0.3);
  assert.ok(Object.is(roundQty(-0), 0));
});
