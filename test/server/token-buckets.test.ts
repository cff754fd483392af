import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createSharedTokenBuckets,
  createTokenBuckets,
  refillSeconds,
  type TokenBuckets,
} from '../../server/webhooks/token-buckets.js';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';

const takeEach = async (buckets: TokenBuckets, key: string, times: number) => {
  const taken: boolean[] = [];
  for (let i = 0; i < times; i++) taken.push(await buckets.take(key));
  return taken;
};

test('allows a burst, then refills at the sustained rate, per key', async () => {
  let now = 0;
  const buckets = createTokenBuckets({ perSecond: 2, burst: 3 }, () => now);
  assert.deepEqual(await takeEach(buckets, 'zuper:a', 4), [true, true, true, false]);
  assert.equal(await buckets.take('zuper:b'), true, 'another connection has its own bucket');
  now = 499;
  assert.equal(await buckets.take('zuper:a'), false, 'not yet one token back');
  now = 500;
  assert.equal(await buckets.take('zuper:a'), true);
  now = 60_000;
  assert.deepEqual(await takeEach(buckets, 'zuper:a', 4), [true, true, true, false], 'refill stops at burst');
});

for (const database of testDatabases()) {
  describe(`webhook buckets shared through ${database.name}`, () => {
    let store: Store;
    withTestStore(database, (opened) => (store = opened));

    it('two server replicas draw on one budget per connection; a refusal takes nothing', async () => {
      // No refill, so the outcome does not depend on how fast the calls run.
      const limit = { perSecond: 0, burst: 3 };
      const replicaA = createSharedTokenBuckets(store, limit);
      const replicaB = createSharedTokenBuckets(store, limit);
      assert.deepEqual(
        [
          await replicaA.take('qbo:acme'),
          await replicaB.take('qbo:acme'),
          await replicaA.take('qbo:acme'),
          await replicaB.take('qbo:acme'),
          await replicaA.take('qbo:acme'),
        ],
        [true, true, true, false, false],
      );
      assert.equal(await replicaB.take('qbo:other'), true, 'another connection has its own budget');
      assert.equal(await replicaB.take('zuper:acme'), true, 'and so has the other source');
    });
  });
}

test('Retry-After is the time one token takes to refill, rounded up to whole seconds', () => {
  assert.equal(refillSeconds({ perSecond: 50, burst: 200 }), 1);
  assert.equal(refillSeconds({ perSecond: 0.25, burst: 1 }), 4);
  assert.equal(refillSeconds({ perSecond: 0, burst: 1 }), 60);
});
