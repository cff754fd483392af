import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';
import type { BucketSpec } from '../../storage/repositories/rate-buckets.js';

/**
 * The store's clock (the database's, in whole milliseconds on PGlite) and this test's monotonic clock may disagree by
 * a rounding or two: lower bounds allow that much.
 */
const CLOCK_SLACK_MS = 3;

/** Each reservation's wait is its slot less the time since the first take, and never later than the slot. */
function assertSlots(waits: number[], slotMs: number, elapsedMs: number) {
  for (const [i, wait] of waits.entries()) {
    assert.ok(
      wait <= i * slotMs + 1 && wait >= i * slotMs - elapsedMs - CLOCK_SLACK_MS,
      `wait ${i} was ${wait} ms: ${waits.join(', ')}`,
    );
  }
}

for (const database of testDatabases()) {
  describe(`rate buckets on ${database.name}`, () => {
    let store: Store;
    withTestStore(database, (opened) => (store = opened));
    /** The wait of a reservation that must succeed. */
    const waitFor = async (key: string, spec: BucketSpec) => {
      const slot = await store.rateBuckets.take(key, spec);
      assert.ok(slot.reserved);
      return slot.waitMs;
    };

    it('admits a full bucket at once, then reserves one slot per refill interval, in order', async () => {
      const spec = { capacity: 3, refillPerSecond: 2 };
      const started = performance.now();
      const waits: number[] = [];
      for (let i = 0; i < 6; i++) waits.push(await waitFor('burst', spec));
      assert.deepEqual(waits.slice(0, 3), [0, 0, 0]);
      assertSlots([0, ...waits.slice(3)], 500, performance.now() - started);
    });

    it('gives callers asking at the same time one distinct slot each', async () => {
      const spec = { capacity: 1, refillPerSecond: 10 };
      const started = performance.now();
      const waits = await Promise.all(Array.from({ length: 20 }, () => waitFor('crowd', spec)));
      assertSlots(
        waits.sort((a, b) => a - b),
        100,
        performance.now() - started,
      );
    });

    it('refills while idle, up to the capacity', async () => {
      const spec = { capacity: 2, refillPerSecond: 20 };
      await Promise.all([1, 2, 3].map(() => waitFor('idle', spec)));
      await new Promise((r) => setTimeout(r, 300));
      const waits = [];
      for (let i = 0; i < 3; i++) waits.push(await waitFor('idle', spec));
      assert.deepEqual(waits.slice(0, 2), [0, 0], 'the debt was repaid and the bucket refilled');
      assert.ok(waits[2]! > 0, 'but not beyond its capacity');
    });

    it('reserves no slot further out than the longest wait asked for, and a refusal takes nothing', async () => {
      const spec = { capacity: 1, refillPerSecond: 10 };
      const started = performance.now();
      const taken = [];
      for (let i = 0; i < 5; i++) taken.push(await store.rateBuckets.take('bounded', spec, 250));
      const elapsed = performance.now() - started;
      assertSlots(
        taken.slice(0, 3).map((t) => (t.reserved ? t.waitMs : NaN)),
        100,
        elapsed,
      );
      for (const refused of taken.slice(3)) {
        assert.ok(!refused.reserved, JSON.stringify(taken));
        assert.ok(
          refused.retryAfterMs <= 301 && refused.retryAfterMs >= 300 - elapsed - CLOCK_SLACK_MS,
          JSON.stringify(taken),
        );
      }
      // The two refusals left no debt: the next slot is the fourth, not the sixth.
      const next = await waitFor('bounded', spec);
      assert.ok(next <= 301 && next >= 300 - (performance.now() - started) - CLOCK_SLACK_MS, `next slot ${next} ms`);
    });
  });
}
