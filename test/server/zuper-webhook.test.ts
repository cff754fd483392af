import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { metrics } from '../../observability/metrics.js';
import { metricValue } from '../support/metric-value.js';
import { zuperDeliveryMaxAgeMs } from '../../integrations/zuper/webhook-payload.js';
import { recordedZuperBody } from '../support/zuper-deliveries.js';
import {
  assertZuperProductUpdateHandedOff,
  assertRefusal,
  deliveryIds,
  intakeBatchOf,
  intakeWorkflowOf,
  logLinesWithOutcome,
  openTestContext,
  seedZuperConnection,
  startTestServer,
  webhookCounter,
  workflowIdsOf,
  type Answer,
  type TestServer,
} from './support.js';

let ctx: AppContext;
let server: TestServer;

before(async () => {
  ctx = await openTestContext();
  server = await startTestServer(ctx);
});
after(async () => {
  await server.app.close();
  await ctx.close();
});

async function freshConnection() {
  const connectionId = `zc-${randomUUID()}`;
  const secret = `secret-${randomUUID()}`;
  await seedZuperConnection(ctx, connectionId, secret);
  return { connectionId, secret };
}

/** The delivery id the intake derives: the body's hash, scoped to the connection it was sent to. */
const deliveryIdOf = (connectionId: string, body: string) =>
  createHash('sha256').update(`${connectionId}\u0000${body}`).digest('hex');

async function post(
  connectionId: string,
  body: string,
  secret: string | null,
  target: TestServer = server,
  contentType = 'application/json',
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (secret !== null) headers['x-qzsync-webhook-secret'] = secret;
  const response = await fetch(`${target.url}/webhooks/zuper/${encodeURIComponent(connectionId)}`, {
    method: 'POST',
    headers,
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('a product event is stored and handed off in an intake workflow, keyed by the hash of the body', async () => {
  const { connectionId, secret } = await freshConnection();
  const body = JSON.stringify(recordedZuperBody('product.update', { product_uid: 'p-1', product_name: 'Valve' }));
  const deliveryId = deliveryIdOf(connectionId, body);
  const counter = await webhookCounter('zuper');

  const response = await post(connectionId, body, secret);

  assert.deepEqual(response, { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } });
  assert.deepEqual(await counter.changes(), { accepted: 1 });
  await assertZuperProductUpdateHandedOff(ctx, connectionId, deliveryId, 'p-1');
  const line = logLinesWithOutcome(server, 'accepted').find((l) => l.deliveryId === deliveryId);
  assert.deepEqual([line?.connectionId, line?.msg], [connectionId, 'change stored for hand-off']);
});

test("Zuper's retry of the same body hands off nothing new; a different body does", async () => {
  const { connectionId, secret } = await freshConnection();
  const body = JSON.stringify(recordedZuperBody('invoice.new', { invoice_uid: 'inv-9' }));
  const other = JSON.stringify(recordedZuperBody('invoice.update', { invoice_uid: 'inv-9' }));
  assert.equal((await post(connectionId, body, secret)).status, 200);
  const counter = await webhookCounter('zuper');

  const retry = await post(connectionId, body, secret);
  const update = await post(connectionId, other, secret);

  assert.deepEqual(retry, { status: 200, body: { accepted: 0, duplicates: 1, ignored: 0 } });
  assert.deepEqual(update, { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } });
  assert.deepEqual(await counter.changes(), { duplicate: 1, accepted: 1 });
  // The two deliveries may share a batch or not, depending on when the dispatcher looked; each is routed once.
  const batches = new Set([
    await intakeBatchOf(ctx, 'zuper', deliveryIdOf(connectionId, body)),
    await intakeBatchOf(ctx, 'zuper', deliveryIdOf(connectionId, other)),
  ]);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, batches.size), [...batches].sort());
  const routed = await Promise.all([...batches].map(async (batch) => (await intakeWorkflowOf(ctx, batch)).changes));
  assert.deepEqual(
    routed.flat().map((change) => change.event),
    ['invoice.new', 'invoice.update'],
  );
});

test('an event the sync does not need is answered 200, counted as ignored by its key, and starts nothing', async () => {
  const { connectionId, secret } = await freshConnection();
  const body = JSON.stringify(recordedZuperBody('invoice.payment', { invoice_uid: 'i-1' }));
  const counter = await webhookCounter('zuper');
  const byKey = await metricValue(metrics.zuperIgnoredEvents, { event: 'invoice.payment' });

  const response = await post(connectionId, body, secret);

  assert.deepEqual(response, { status: 200, body: { accepted: 0, duplicates: 0, ignored: 1 } });
  assert.deepEqual(await counter.changes(), { ignored_event: 1 });
  assert.equal(await metricValue(metrics.zuperIgnoredEvents, { event: 'invoice.payment' }), byKey + 1);
  assert.equal((await deliveryIds(ctx, 'zuper')).includes(deliveryIdOf(connectionId, body)), false);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId), []);
});

/** A refusal of a delivery to a fresh connection (after `prepare`), checked by assertRefusal. */
async function assertRefused(
  send: (connectionId: string, secret: string, body: string) => Promise<Answer>,
  expected: { status: number; outcome: string },
  body = JSON.stringify({ event: 'product.update', product_uid: randomUUID() }),
  target: TestServer = server,
  prepare: (connectionId: string, secret: string) => Promise<void> = async () => {},
) {
  const { connectionId, secret } = await freshConnection();
  await prepare(connectionId, secret);
  await assertRefusal({ ctx, server: target, source: 'zuper', connectionId }, expected, () =>
    send(connectionId, secret, body),
  );
}

test('refused: an unknown connection (404)', async () => {
  await assertRefused((_id, secret, body) => post('no-such-connection', body, secret), {
    status: 404,
    outcome: 'unknown_connection',
  });
});

test('refused: a connection without Zuper credentials (404)', async () => {
  await assertRefused(
    async (_id, secret, body) => {
      const bare = `bare-${randomUUID()}`;
      await ctx.store.connections.create(bare, 'No Zuper yet');
      return post(bare, body, secret);
    },
    { status: 404, outcome: 'zuper_not_connected' },
  );
});

test('refused: no secret header (401)', async () => {
  await assertRefused((id, _secret, body) => post(id, body, null), { status: 401, outcome: 'missing_secret' });
});

test("refused: a wrong secret, including another connection's (401)", async () => {
  await assertRefused((id, secret, body) => post(id, body, `${secret}x`), { status: 401, outcome: 'bad_secret' });
  const other = await freshConnection();
  await assertRefused((id, _secret, body) => post(id, body, other.secret), { status: 401, outcome: 'bad_secret' });
});

test('refused: a body that is not JSON (400)', async () => {
  await assertRefused(
    (id, secret, body) => post(id, body, secret),
    { status: 400, outcome: 'malformed_json' },
    '{"event":',
  );
  await assertRefused(
    (id, secret, body) => post(id, body, secret, server, 'text/plain'),
    { status: 400, outcome: 'malformed_json' },
    '',
  );
});

test('refused: JSON without an event name or with a non-string uid (400)', async () => {
  await assertRefused(
    (id, secret, body) => post(id, body, secret),
    { status: 400, outcome: 'invalid_payload' },
    JSON.stringify({ product_uid: 'p' }),
  );
  await assertRefused(
    async (id, secret, body) => {
      const response = await post(id, body, secret);
      assert.equal(
        response.body.message,
        'the body does not match the expected shape: product_uid: Invalid input: expected string, received number',
      );
      return response;
    },
    { status: 400, outcome: 'invalid_payload' },
    JSON.stringify({ event: 'product.update', product_uid: 12 }),
  );
});

test('refused, counted by reason and starting nothing: an unknown key, a missing uid, a bad workflow_builder, a stale delivery', async () => {
  const sent = (body: Record<string, unknown>) => JSON.stringify(body);
  const long = new Date(Date.now() - 2 * zuperDeliveryMaxAgeMs).toISOString();
  const cases: [string, { status: number; outcome: string }][] = [
    [sent(recordedZuperBody('product.stock_update', { product_uid: 'p' })), { status: 422, outcome: 'unknown_event' }],
    [sent(recordedZuperBody('invoice.update', {})), { status: 400, outcome: 'missing_uid' }],
    [
      sent({ ...recordedZuperBody('product.update', { product_uid: 'p' }), workflow_builder: 'not a mapping' }),
      { status: 400, outcome: 'invalid_workflow_builder' },
    ],
    [sent(recordedZuperBody('product.update', { product_uid: 'p' }, long)), { status: 422, outcome: 'stale_delivery' }],
  ];
  for (const [body, expected] of cases) await assertRefused((id, secret, b) => post(id, b, secret), expected, body);
});

test('refused: a body over 256 KiB (413)', async () => {
  await assertRefused(
    (id, secret, body) => post(id, body, secret),
    { status: 413, outcome: 'too_large' },
    JSON.stringify({ event: 'product.update', product_uid: 'p', pad: 'x'.repeat(256 * 1024) }),
  );
});

test('refused: more requests for one connection than its rate limit allows (429), other connections unaffected', async () => {
  const limited = await startTestServer(ctx, { webhookRateLimit: { perSecond: 0, burst: 1 } }, true);
  try {
    await assertRefused(
      (id, secret, body) => post(id, body, secret, limited),
      { status: 429, outcome: 'rate_limited' },
      undefined,
      limited,
      async (id, secret) => {
        const first = await post(
          id,
          JSON.stringify({ event: 'product.update', product_uid: 'first' }),
          secret,
          limited,
        );
        assert.equal(first.status, 200);
        assert.equal((await workflowIdsOf(ctx.temporal, id, 1)).length, 1);
      },
    );
    const other = await freshConnection();
    const body = JSON.stringify({ event: 'product.update', product_uid: 'p' });
    assert.equal((await post(other.connectionId, body, other.secret, limited)).status, 200);
  } finally {
    await limited.app.close();
  }
});
