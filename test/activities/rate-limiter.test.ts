import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { openTestStore } from '../support/test-store.js';
import type { Store } from '../../storage/index.js';
import { createRateLimiter } from '../../activities/rate-limiter.js';

for (const database of testDatabases()) {
  describe(`rate limiter on ${database.name}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    before(async () => {
      ({ store, drop } = await openTestStore(database));
    });
    after(() => drop());

    it('admits the burst at once, then each call at its own slot, asking the database once per call', async () => {
      let takes = 0;
      const counted: Store = {
        ...store,
        rateBuckets: { take: (key, spec) => (takes++, store.rateBuckets.take(key, spec)) },
      };
      // 120 a minute: a burst of 10, then (120 - 10) / 60 tokens a second.
      const limiter = createRateLimiter(counted, {
        qboRequestsPerMinute: 120,
        qboBatchesPerMinute: 38,
        zuperRequestsPerMinute: 200,
      });
      const slotMs = 1000 / (110 / 60);
      const started = performance.now();
      const admitted = await Promise.all(
        Array.from({ length: 13 }, async () => {
          await limiter.qbo('realm-1', 'request');
          return performance.now() - started;
        }),
      );
      admitted.sort((a, b) => a - b);
      assert.ok(admitted[9]! < slotMs, `the burst waited: ${admitted.join(', ')}`);
      for (const k of [1, 2, 3]) {
        // A few ms of slack: timers and the database clock are not the same clock.
        assert.ok(admitted[9 + k]! >= k * slotMs - 5, `call ${10 + k} came early: ${admitted.join(', ')}`);
      }
      assert.equal(takes, 13);
    });
  });
}
