/**
 * The small slice of the webhook-rate-limit benchmark: a burst at one connection above its webhook limit is answered
 * 429 with Retry-After, a sender that waits as told gets every delivery accepted, and every one is stored once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { invoiceDelivery } from '../../bench/support/qbo-delivery.js';
import { sendHonouringRetryAfter } from '../../bench/webhook-rate-limit.js';
import { openTestContext, seedQboConnection, startTestServer, type TestServer } from '../server/support.js';

const verifier = `verifier-${randomUUID()}`;
const realmId = '9130000000077';
let ctx: AppContext;
let server: TestServer;

before(async () => {
  ctx = await openTestContext();
  await seedQboConnection(ctx, 'acme', realmId);
  server = await startTestServer(ctx, {
    webhookSigningKeys: { qbo: verifier },
    webhookRateLimit: { perSecond: 1, burst: 3 },
  });
});
after(async () => {
  await server.app.close();
  await ctx.close();
});

test('a burst above the limit is refused with Retry-After, retried as told, and nothing is lost', async () => {
  const deliveries = Array.from({ length: 9 }, (_, i) => invoiceDelivery(realmId, i, verifier));
  const waits: number[] = [];
  const load = await sendHonouringRetryAfter(`${server.url}/webhooks/qbo`, deliveries, {
    concurrency: 9,
    maxAttempts: 50,
    wait: (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  });
  assert.ok(load.limited > 0, 'the burst went over the limit');
  assert.ok(load.acceptedAtOnce >= 3 && load.acceptedAtOnce < 9, `${load.acceptedAtOnce} accepted at once`);
  assert.equal(load.limitedWithoutRetryAfter, 0);
  assert.deepEqual(
    waits,
    waits.map(() => 1000),
    'each 429 said to retry after 1 s (a token every second)',
  );
  assert.equal(waits.length, load.limited);
  assert.deepEqual([load.accepted, load.givenUp, [...load.otherStatuses]], [9, 0, []]);
  const rows = await ctx.store.db.query<{ connection_id: string }>(
    "SELECT connection_id FROM webhook_deliveries WHERE source = 'qbo'",
  );
  assert.deepEqual(
    rows.map((r) => r.connection_id),
    Array.from({ length: 9 }, () => 'acme'),
    'every delivery stored once',
  );
});
