import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../emulators/common/rng.js';

test('the same seed yields the same sequence, different seeds differ', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const seqA = Array.from({ length: 5 }, a);
  assert.deepEqual(seqA, Array.from({ length: 5 }, b));
  assert.notDeepEqual(seqA, Array.from({ length: 5 }, c));
});

test('values lie in [0, 1) and are spread out', () => {
  const rng = createRng(7);
  const values = Array.from({ length: 10_000 }, rng);
  assert.ok(values.every((v) => v >= 0 && v < 1));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  assert.equal(new Set(values).size, values.length);
});
