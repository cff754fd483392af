import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { openTestStore } from '../support/test-store.js';
import type { Store } from '../../storage/index.js';

/** Each reservation's wait is its slot less the time since the first take, and never later than the slot. */
function assertSlots(waits: number[], slotMs: number, elapsedMs: number) {
  for (const [i, wait] of waits.entries()) {
    assert.ok(
      wait <= i * slotMs + 1 && wait >= i * slotMs - elapsedMs,
      `wait ${i} was ${wait} ms: ${waits.join(', ')}`,
    );
  }
}

for (const database of testDatabases()) {
  describe(`rate buckets on ${database.name}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    before(async () => {
      ({ store, drop } = await openTestStore(database));
    });
    after(() => drop());

    it('admits a full bucket at once, then reserves one slot per refill interval, in order', async () => {
      const spec = { capacity: 3, refillPerSecond: 2 };
      const started = performance.now();
      const waits: number[] = [];
      for (let i = 0; i < 6; i++) waits.push(await store.rateBuckets.take('burst', spec));
      assert.deepEqual(waits.slice(0, 3), [0, 0, 0]);
      assertSlots([0, ...waits.slice(3)], 500, performance.now() - started);
    });

    it('gives callers asking at the same time one distinct slot each', async () => {
      const spec = { capacity: 1, refillPerSecond: 10 };
      const started = performance.now();
      const waits = await Promise.all(Array.from({ length: 20 }, () => store.rateBuckets.take('crowd', spec)));
      assertSlots(
        waits.sort((a, b) => a - b),
        100,
        performance.now() - started,
      );
    });

    it('refills while idle, up to the capacity', async () => {
      const spec = { capacity: 2, refillPerSecond: 20 };
      await Promise.all([1, 2, 3].map(() => store.rateBuckets.take('idle', spec)));
      await new Promise((r) => setTimeout(r, 300));
      const waits = [];
      for (let i = 0; i < 3; i++) waits.push(await store.rateBuckets.take('idle', spec));
      assert.deepEqual(waits.slice(0, 2), [0, 0], 'the debt was repaid and the bucket refilled');
      assert.ok(waits[2]! > 0, 'but not beyond its capacity');
    });
  });
}
