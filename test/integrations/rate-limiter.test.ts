import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';
import type { BucketSpec } from '../../storage/repositories/rate-buckets.js';
import { ApplicationFailure } from '@temporalio/common';
import { ApiBudgetExhaustedError, MAX_RESERVATION_MS, createRateLimiter } from '../../integrations/rate-limiter.js';
import { toActivityFailure } from '../../activities/failures.js';

for (const database of testDatabases()) {
  describe(`rate limiter on ${database.name}`, () => {
    let store: Store;
    withTestStore(database, (opened) => (store = opened));

    it('admits the burst at once, then each call at its own slot, asking the database once per call', async () => {
      const waits: number[] = [];
      const counted: Store = {
        ...store,
        rateBuckets: {
          take: async (key, spec, maxWaitMs) => {
            const slot = await store.rateBuckets.take(key, spec, maxWaitMs);
            waits.push(slot.reserved ? slot.waitMs : -1);
            return slot;
          },
        },
      };
      // 120 a minute: a burst of 4, then (120 - 4) / 60 tokens a second.
      const limiter = createRateLimiter(counted, {
        qboRequestsPerMinute: 120,
        qboBatchesPerMinute: 38,
        zuperRequestsPerMinute: 200,
      });
      const slotMs = 1000 / (116 / 60);
      const started = performance.now();
      const admitted = await Promise.all(
        Array.from({ length: 7 }, async () => {
          await limiter.qbo('realm-1', 'request');
          return performance.now() - started;
        }),
      );
      admitted.sort((a, b) => a - b);
      // Counted, not ordered: concurrent reservations resolve in any order.
      assert.deepEqual(
        [waits.filter((w) => w === 0).length, waits.filter((w) => w > 0).length],
        [4, 3],
        `only the burst went at once: ${waits.join(', ')}`,
      );
      for (const k of [1, 2, 3]) {
        // A few ms of slack: timers and the database clock are not the same clock.
        assert.ok(admitted[3 + k]! >= k * slotMs - 5, `call ${4 + k} came early: ${admitted.join(', ')}`);
      }
      assert.equal(waits.length, 7, 'one reservation per call');
    });

    it('refuses a slot further out than an activity may wait, as a retryable failure with the delay', async () => {
      // 2 a minute: a burst of 1, then one slot every 60 s, far beyond MAX_RESERVATION_MS.
      const limiter = createRateLimiter(store, {
        qboRequestsPerMinute: 120,
        qboBatchesPerMinute: 38,
        zuperRequestsPerMinute: 2,
      });
      await limiter.zuper('slow-company');
      const refused = await limiter.zuper('slow-company').then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(refused instanceof ApiBudgetExhaustedError, String(refused));
      assert.ok(
        refused.retryAfterMs > MAX_RESERVATION_MS && refused.retryAfterMs <= 60_000,
        String(refused.retryAfterMs),
      );
      const failure = toActivityFailure(refused, 'zuper');
      assert.ok(failure instanceof ApplicationFailure);
      assert.deepEqual(
        [failure.type, failure.nonRetryable, failure.nextRetryDelay],
        ['zuper:budget', false, refused.retryAfterMs],
      );
    });

    it("counts the budgets in the APIs' minute, burst included, where an emulator's clock runs faster", async () => {
      const specs = new Map<string, BucketSpec>();
      const spied: Store = {
        ...store,
        rateBuckets: {
          take: (key, spec, maxWaitMs) => {
            specs.set(key, spec);
            return store.rateBuckets.take(key, spec, maxWaitMs);
          },
        },
      };
      const budgets = { qboRequestsPerMinute: 480, qboBatchesPerMinute: 38, zuperRequestsPerMinute: 192 };
      await createRateLimiter(spied, budgets).zuper('minute-60s');
      await createRateLimiter(spied, { ...budgets, apiMinuteMs: 6000 }).zuper('minute-6s');
      // Two seconds' worth of burst, and the rest of the budget refilled over the minute.
      assert.deepEqual(specs.get('zuper:minute-60s'), { capacity: 6, refillPerSecond: 186 / 60 });
      assert.deepEqual(specs.get('zuper:minute-6s'), { capacity: 6, refillPerSecond: 186 / 6 });
    });
  });
}
