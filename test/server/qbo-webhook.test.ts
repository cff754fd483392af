import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import {
  assertRefusal,
  deliveryIds,
  intakeBatchOf,
  expectedIntakeBatch,
  intakeWorkflowOf,
  intuitSignatureOf,
  logLinesWithOutcome,
  openTestContext,
  seedQboConnection,
  startTestServer,
  webhookCounter,
  workflowIdsOf,
  type Answer,
  type TestServer,
} from './support.js';
import { intakeBatchWorkflowId } from '../../client/workflow-ids.js';

const verifier = 'verifier-token-for-tests';
const now = new Date('2026-03-01T12:00:00.000Z');
const recent = '2026-03-01T11:59:58.000Z';

let ctx: AppContext;
let server: TestServer;
let seq = 0;

before(async () => {
  ctx = await openTestContext();
  server = await startTestServer(ctx, { webhookSigningKeys: { qbo: verifier }, now: () => now });
});
after(async () => {
  await server.app.close();
  await ctx.close();
});

/** A connection of its own per test, so what it starts can be counted. */
async function freshConnection() {
  seq += 1;
  const connectionId = `conn-${seq}-${randomUUID().slice(0, 8)}`;
  const realmId = `9130${seq}${Date.now()}`;
  await seedQboConnection(ctx, connectionId, realmId);
  return { connectionId, realmId };
}

const cloudEvent = (realmId: string, type: string, entityId: string, time = recent) => ({
  specversion: '1.0',
  id: randomUUID(),
  source: 'intuit.test',
  type,
  datacontenttype: 'application/json',
  time,
  intuitentityid: entityId,
  intuitaccountid: realmId,
  data: {},
});

const legacyBody = (
  realmId: string,
  entities: { name: string; id: string; operation: string; lastUpdated: string }[],
) => ({
  eventNotifications: [{ realmId, dataChangeEvent: { entities } }],
});

async function post(
  body: string | Buffer,
  options: { signature?: string | null; contentType?: string; target?: TestServer } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const signature = options.signature === undefined ? intuitSignatureOf(body, verifier) : options.signature;
  if (signature !== null) headers['intuit-signature'] = signature;
  const response = await fetch(`${(options.target ?? server).url}/webhooks/qbo`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test("CloudEvents: a request's item and stock-transaction changes are stored and handed off in one intake workflow", async () => {
  const { connectionId, realmId } = await freshConnection();
  const item = cloudEvent(realmId, 'qbo.item.updated.v1', '19');
  const invoice = cloudEvent(realmId, 'qbo.invoice.created.v1', '130');
  const counter = await webhookCounter('qbo');

  const response = await post(JSON.stringify([item, invoice]), { contentType: 'application/cloudevents+json' });

  assert.deepEqual(response, { status: 200, body: { accepted: 2, duplicates: 0, ignored: 0 } });
  assert.deepEqual(await counter.changes(), { accepted: 2 });
  const batch = await intakeBatchOf(ctx, 'qbo', item.id);
  assert.equal(batch, intakeBatchWorkflowId('qbo', connectionId, item.id), 'named after its first delivery');
  assert.equal(await intakeBatchOf(ctx, 'qbo', invoice.id), batch);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, 1), [batch]);
  assert.deepEqual(
    await intakeWorkflowOf(ctx, batch),
    expectedIntakeBatch(ctx, connectionId, batch, [
      { connectionId, entity: 'Item', entityId: '19', operation: 'Update' },
      { connectionId, entity: 'Invoice', entityId: '130', operation: 'Create' },
    ]),
  );
  const logged = logLinesWithOutcome(server, 'accepted').find((l) => l.deliveryId === item.id);
  assert.deepEqual(
    { connectionId: logged?.connectionId, msg: logged?.msg },
    { connectionId, msg: 'change stored for hand-off' },
  );
});

test('CloudEvents: the same events delivered twice are stored and handed off once', async () => {
  const { connectionId, realmId } = await freshConnection();
  const body = JSON.stringify([
    cloudEvent(realmId, 'qbo.item.updated.v1', '5'),
    cloudEvent(realmId, 'qbo.bill.updated.v1', '6'),
  ]);
  const first = await post(body);
  const counter = await webhookCounter('qbo');

  const again = await post(body);

  assert.deepEqual(first, { status: 200, body: { accepted: 2, duplicates: 0, ignored: 0 } });
  assert.deepEqual(again, { status: 200, body: { accepted: 0, duplicates: 2, ignored: 0 } });
  assert.deepEqual(await counter.changes(), { duplicate: 2 });
  assert.equal((await deliveryIds(ctx, 'qbo')).filter((id) => body.includes(id)).length, 2);
  assert.equal((await workflowIdsOf(ctx.temporal, connectionId, 1)).length, 1);
});

test('legacy: the same event delivered twice is handed off once, keyed by a hash of its fields', async () => {
  const { connectionId, realmId } = await freshConnection();
  const entity = { name: 'Item', id: '19', operation: 'Update', lastUpdated: recent };
  const body = JSON.stringify(legacyBody(realmId, [entity]));
  const deliveryId = createHash('sha256')
    .update(JSON.stringify([realmId, 'Item', '19', 'Update', recent]))
    .digest('hex');

  const first = await post(body);
  // Intuit's retry may re-serialise the batch; the delivery id depends on the fields, not the bytes.
  const again = await post(JSON.stringify(legacyBody(realmId, [entity]), null, 2));

  assert.deepEqual(first, { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } });
  assert.deepEqual(again, { status: 200, body: { accepted: 0, duplicates: 1, ignored: 0 } });
  const batch = await intakeBatchOf(ctx, 'qbo', deliveryId);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, 1), [batch]);
  assert.deepEqual((await intakeWorkflowOf(ctx, batch)).changes, [
    { connectionId, entity: 'Item', entityId: '19', operation: 'Update' },
  ]);
});

test('a batch over several realms hands off the known one and ignores the unknown one with a logged reason', async () => {
  const { connectionId, realmId } = await freshConnection();
  const known = cloudEvent(realmId, 'qbo.item.updated.v1', '1');
  const unknown = cloudEvent('404404404', 'qbo.item.updated.v1', '1');
  const counter = await webhookCounter('qbo');

  const response = await post(JSON.stringify([known, unknown]));

  assert.deepEqual(response, { status: 200, body: { accepted: 1, duplicates: 0, ignored: 1 } });
  assert.deepEqual(await counter.changes(), { accepted: 1, unknown_realm: 1 });
  const line = logLinesWithOutcome(server, 'unknown_realm').find((l) => l.deliveryId === unknown.id);
  assert.deepEqual(
    { realmId: line?.realmId, msg: line?.msg },
    { realmId: '404404404', msg: 'ignored: no connection has this QuickBooks company' },
  );
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, 1), [await intakeBatchOf(ctx, 'qbo', known.id)]);
  const deliveries = await deliveryIds(ctx, 'qbo');
  assert.equal(deliveries.includes(unknown.id), false, 'an ignored event leaves no delivery row');
});

test('a batch for unknown realms only is answered 200 and starts nothing', async () => {
  const events = [cloudEvent('111', 'qbo.item.updated.v1', '1'), cloudEvent('222', 'qbo.invoice.created.v1', '2')];
  const before = await deliveryIds(ctx, 'qbo');
  const counter = await webhookCounter('qbo');

  const response = await post(JSON.stringify(events));

  assert.deepEqual(response, { status: 200, body: { accepted: 0, duplicates: 0, ignored: 2 } });
  assert.deepEqual(await counter.changes(), { unknown_realm: 2 });
  assert.deepEqual(await deliveryIds(ctx, 'qbo'), before);
});

test('stale events, other entities and unrecognised types are ignored, counted, and start nothing', async () => {
  const { connectionId, realmId } = await freshConnection();
  const stale = cloudEvent(realmId, 'qbo.item.updated.v1', '1', '2026-02-21T12:00:00.000Z');
  const customer = cloudEvent(realmId, 'qbo.customer.updated.v1', '2');
  const odd = cloudEvent(realmId, 'intuit.webhooks.test', '3');
  const legacyStale = legacyBody(realmId, [
    { name: 'Item', id: '4', operation: 'Update', lastUpdated: '2026-02-01T00:00:00-0800' },
  ]);
  const before = await deliveryIds(ctx, 'qbo');
  const counter = await webhookCounter('qbo');

  const cloud = await post(JSON.stringify([stale, customer, odd]));
  const legacy = await post(JSON.stringify(legacyStale));

  assert.deepEqual(cloud, { status: 200, body: { accepted: 0, duplicates: 0, ignored: 3 } });
  assert.deepEqual(legacy, { status: 200, body: { accepted: 0, duplicates: 0, ignored: 1 } });
  assert.deepEqual(await counter.changes(), { stale: 2, ignored_entity: 1, unrecognised_type: 1 });
  assert.deepEqual(await deliveryIds(ctx, 'qbo'), before);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId), []);
});

test('an event whose ids hold NUL or an unpaired surrogate is refused alone; the good event beside it is stored', async () => {
  const { connectionId, realmId } = await freshConnection();
  const good = cloudEvent(realmId, 'qbo.item.updated.v1', '21');
  const nul = cloudEvent(realmId, 'qbo.item.updated.v1', '2\u00002');
  const surrogate = { ...cloudEvent(realmId, 'qbo.item.updated.v1', '23'), id: 'id-\ud800' };
  const legacyNul = legacyBody(`${realmId}\u0000`, [
    { name: 'Item', id: '24', operation: 'Update', lastUpdated: recent },
  ]);
  const counter = await webhookCounter('qbo');

  const cloud = await post(JSON.stringify([nul, good, surrogate]));
  const legacy = await post(JSON.stringify(legacyNul));

  assert.deepEqual(cloud, { status: 200, body: { accepted: 1, duplicates: 0, ignored: 2 } });
  assert.deepEqual(legacy, { status: 200, body: { accepted: 0, duplicates: 0, ignored: 1 } });
  assert.deepEqual(await counter.changes(), { accepted: 1, invalid_event: 3 });
  const batch = await intakeBatchOf(ctx, 'qbo', good.id);
  assert.deepEqual(
    await intakeWorkflowOf(ctx, batch),
    expectedIntakeBatch(ctx, connectionId, batch, [
      { connectionId, entity: 'Item', entityId: '21', operation: 'Update' },
    ]),
  );
  const refused = logLinesWithOutcome(server, 'invalid_event').map((l) => l.position);
  assert.deepEqual(refused.slice(-3), [0, 2, 0], 'each refusal names the position of the event in its POST');
});

/** A refusal of a delivery for a fresh connection, checked by assertRefusal. */
async function assertRefused(
  send: (body: string) => Promise<Answer>,
  expected: { status: number; outcome: string },
  bodyFor: (realmId: string, eventId: string) => string = (realmId, eventId) =>
    JSON.stringify([{ ...cloudEvent(realmId, 'qbo.item.updated.v1', '1'), id: eventId }]),
  target: TestServer = server,
) {
  const { connectionId, realmId } = await freshConnection();
  const eventId = randomUUID();
  await assertRefusal({ ctx, server: target, source: 'qbo', connectionId }, expected, () =>
    send(bodyFor(realmId, eventId)),
  );
}

test('refused: no intuit-signature header (401)', async () => {
  await assertRefused((body) => post(body, { signature: null }), { status: 401, outcome: 'missing_signature' });
});

test('refused: a signature made with another verifier token, or over other bytes (401)', async () => {
  await assertRefused((body) => post(body, { signature: intuitSignatureOf(body, 'not-the-verifier') }), {
    status: 401,
    outcome: 'bad_signature',
  });
  await assertRefused((body) => post(`${body} `, { signature: intuitSignatureOf(body, verifier) }), {
    status: 401,
    outcome: 'bad_signature',
  });
});

test('refused: a signed body that is not JSON (400)', async () => {
  await assertRefused(
    (body) => post(body),
    { status: 400, outcome: 'malformed_json' },
    (realmId) => `[{"intuitaccountid":"${realmId}",`,
  );
});

test('refused: signed JSON of neither payload shape (400, naming the offending field)', async () => {
  await assertRefused(
    async (body) => {
      const response = await post(body);
      assert.equal(
        response.body.message,
        'the body does not match the expected shape: CloudEvents payload: [0].intuitentityid: Invalid input: expected string, received undefined',
      );
      return response;
    },
    { status: 400, outcome: 'invalid_payload' },
    (realmId, eventId) => JSON.stringify([{ id: eventId, type: 'qbo.item.updated.v1', intuitaccountid: realmId }]),
  );
});

test('refused: a correctly signed body over the size limit (413)', async () => {
  await assertRefused(
    (body) => post(body),
    { status: 413, outcome: 'too_large' },
    (realmId, eventId) =>
      JSON.stringify([
        { ...cloudEvent(realmId, 'qbo.item.updated.v1', '1'), id: eventId, data: { pad: 'x'.repeat(1024 * 1024) } },
      ]),
  );
});

test('refused: more requests for a connection than its rate limit allows (429)', async () => {
  const limited = await startTestServer(
    ctx,
    { webhookSigningKeys: { qbo: verifier }, now: () => now, webhookRateLimit: { perSecond: 0, burst: 1 } },
    true,
  );
  try {
    const { connectionId, realmId } = await freshConnection();
    const first = cloudEvent(realmId, 'qbo.item.updated.v1', '1');
    assert.equal((await post(JSON.stringify([first]), { target: limited })).status, 200);
    await assertRefused(
      (body) => post(body, { target: limited }),
      { status: 429, outcome: 'rate_limited' },
      (_realm, eventId) => JSON.stringify([{ ...cloudEvent(realmId, 'qbo.item.updated.v1', '2'), id: eventId }]),
      limited,
    );
    assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, 1), [await intakeBatchOf(ctx, 'qbo', first.id)]);
    const again = JSON.stringify([cloudEvent(realmId, 'qbo.item.updated.v1', '3')]);
    const refused = await fetch(`${limited.url}/webhooks/qbo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'intuit-signature': intuitSignatureOf(again, verifier) },
      body: again,
    });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '60', 'a bucket that never refills asks for a minute');
  } finally {
    await limited.app.close();
  }
});

test('refused: QuickBooks webhooks while no verifier token is configured (503)', async () => {
  const unconfigured = await startTestServer(ctx, { now: () => now }, true);
  try {
    assert.equal(ctx.env.QBO_WEBHOOK_VERIFIER_TOKEN, undefined);
    await assertRefused(
      (body) => post(body, { target: unconfigured }),
      { status: 503, outcome: 'verifier_not_configured' },
      undefined,
      unconfigured,
    );
  } finally {
    await unconfigured.app.close();
  }
});
