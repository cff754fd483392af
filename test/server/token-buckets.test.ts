import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenBuckets } from '../../server/webhooks/token-buckets.js';

test('allows a burst, then refills at the sustained rate, per key', () => {
  let now = 0;
  const buckets = createTokenBuckets({ perSecond: 2, burst: 3 }, () => now);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => buckets.take('zuper:a')),
    [true, true, true, false],
  );
  assert.equal(buckets.take('zuper:b'), true, 'another connection has its own bucket');
  now = 499;
  assert.equal(buckets.take('zuper:a'), false, 'not yet one token back');
  now = 500;
  assert.equal(buckets.take('zuper:a'), true);
  now = 60_000;
  assert.deepEqual(
    [1, 2, 3, 4].map(() => buckets.take('zuper:a')),
    [true, true, true, false],
    'refill stops at burst',
  );
});
