import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultCounters } from '../../../emulators/common/fault-counters.js';

test('counts per kind, sorted snapshot, reset', () => {
  const c = new FaultCounters();
  c.add('http503');
  c.add('dropAfterCommit', 2);
  c.add('http503');
  assert.equal(c.get('http503'), 2);
  assert.equal(c.get('none'), 0);
  assert.deepEqual(Object.entries(c.snapshot()), [
    ['dropAfterCommit', 2],
    ['http503', 2],
  ]);
  c.reset();
  assert.deepEqual(c.snapshot(), {});
});
