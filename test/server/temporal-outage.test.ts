import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { zuperDeliveryId } from '../../integrations/zuper/webhook.js';
import type { Client } from '@temporalio/client';
import type { AppContext } from '../../service/context.js';
import { connectTemporal } from '../../client/temporal.js';
import { eventually } from '../support/eventually.js';
import { metrics } from '../../observability/metrics.js';
import { metricValue } from '../support/metric-value.js';
import {
  deadTemporalAddress,
  deliveryIds,
  intakeBatchOf,
  intuitSignatureOf,
  logLinesWithOutcome,
  openTestContext,
  seedQboConnection,
  seedZuperConnection,
  startTestServer,
  temporalTestAddress,
  webhookCounter,
  workflowExists,
  workflowIdsOf,
  type TestServer,
} from './support.js';
import { intakeBatchWorkflowId } from '../../client/workflow-ids.js';

const verifier = 'outage-verifier';
let ctx: AppContext;
let down: TestServer;
let live: Client;

before(async () => {
  ctx = await openTestContext({ temporalAddress: await deadTemporalAddress() });
  down = await startTestServer(ctx, {
    webhookSigningKeys: { qbo: verifier },
    handOffTimeoutMs: 300,
    readinessTimeoutMs: 300,
  });
  live = await connectTemporal({ address: temporalTestAddress(), namespace: ctx.env.TEMPORAL_NAMESPACE });
});
after(async () => {
  await down.app.close();
  await ctx.close();
  await live.connection.close();
});

/** The same database behind a server whose Temporal is back. */
const recovered = () => startTestServer({ ...ctx, temporal: live }, { webhookSigningKeys: { qbo: verifier } }, true);

const postQbo = async (target: TestServer, body: string) => {
  const headers = { 'content-type': 'application/json', 'intuit-signature': intuitSignatureOf(body, verifier) };
  const response = await fetch(`${target.url}/webhooks/qbo`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() };
};

test('QBO: while Temporal is down the delivery is accepted and kept; once Temporal is back it is handed off, unsent again', async () => {
  const connectionId = `outage-${randomUUID()}`;
  await seedQboConnection(ctx, connectionId, `realm-${connectionId}`);
  const eventId = randomUUID();
  const body = JSON.stringify([
    { id: eventId, type: 'qbo.item.updated.v1', intuitentityid: '3', intuitaccountid: `realm-${connectionId}` },
  ]);
  const counter = await webhookCounter('qbo');

  const during = await postQbo(down, body);

  assert.deepEqual(during, { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } });
  assert.deepEqual(await counter.changes(), { accepted: 1 });
  // The dispatcher tries, fails, logs it and keeps the delivery waiting.
  const [refused] = await eventually(
    () => down.logs.lines().filter((l) => l.msg === 'Temporal did not take an intake batch'),
    (lines) => lines.length > 0,
  );
  assert.deepEqual([refused?.level, refused?.connectionId], [40, connectionId]);
  assert.equal(await ctx.store.webhookDeliveries.handedOffIn('qbo', eventId), null);
  assert.equal(await ctx.store.webhookDeliveries.waiting(), 1);
  await eventually(
    () => metricValue(metrics.intakeWaiting),
    (waiting) => waiting === 1,
  );
  const workflowId = intakeBatchWorkflowId('qbo', connectionId, eventId);
  assert.equal(await workflowExists(live, workflowId), false);

  const back = await recovered();
  try {
    assert.equal(await intakeBatchOf(ctx, 'qbo', eventId), workflowId);
  } finally {
    await back.app.close();
  }
  assert.equal(await workflowExists(live, workflowId), true);
  assert.equal(await ctx.store.webhookDeliveries.waiting(), 0);
  // Intuit's own retry of the same event, later, is a duplicate.
  const again = await recovered();
  try {
    assert.deepEqual(await postQbo(again, body), { status: 200, body: { accepted: 0, duplicates: 1, ignored: 0 } });
  } finally {
    await again.app.close();
  }
});

test('Zuper: while Temporal is down the delivery is accepted and kept, and handed off once Temporal is back', async () => {
  const connectionId = `outage-z-${randomUUID()}`;
  await seedZuperConnection(ctx, connectionId, 'zs');
  const body = JSON.stringify({ event: 'product.update', product_uid: 'p-7' });
  const deliveryId = zuperDeliveryId(connectionId, Buffer.from(body));

  const during = await fetch(`${down.url}/webhooks/zuper/${connectionId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-qzsync-webhook-secret': 'zs' },
    body,
  });
  assert.equal(during.status, 200);
  assert.ok((await deliveryIds(ctx, 'zuper')).includes(deliveryId));
  assert.equal(await ctx.store.webhookDeliveries.handedOffIn('zuper', deliveryId), null);

  const back = await recovered();
  try {
    const workflowId = await intakeBatchOf(ctx, 'zuper', deliveryId);
    assert.equal(workflowId, intakeBatchWorkflowId('zuper', connectionId, deliveryId));
    assert.equal(await workflowExists(live, workflowId), true);
  } finally {
    await back.app.close();
  }
});

test('the database refusing a delivery answers 500 and keeps nothing, so the sender retries', async () => {
  const broken = await openTestContext();
  const server = await startTestServer(broken, { webhookSigningKeys: { qbo: verifier } }, true);
  try {
    const connectionId = `outage-db-${randomUUID()}`;
    await seedQboConnection(broken, connectionId, `realm-${connectionId}`);
    await broken.store.db.query('ALTER TABLE webhook_deliveries RENAME TO webhook_deliveries_gone');
    const counter = await webhookCounter('qbo');
    const body = JSON.stringify([
      { id: randomUUID(), type: 'qbo.item.updated.v1', intuitentityid: '3', intuitaccountid: `realm-${connectionId}` },
    ]);
    assert.deepEqual(await postQbo(server, body), {
      status: 500,
      body: { error: 'store_failed', message: 'the change could not be recorded; retry later' },
    });
    assert.deepEqual(await counter.changes(), { store_failed: 1 });
    const line = logLinesWithOutcome(server, 'store_failed').at(-1);
    assert.deepEqual([line?.level, line?.connectionId], [50, connectionId]);
    assert.deepEqual(await workflowIdsOf(broken.temporal, connectionId), []);
  } finally {
    await server.app.close();
    await broken.close();
  }
});

test('/healthz answers while Temporal is down; /readyz says Temporal is what failed', async () => {
  const health = await fetch(`${down.url}/healthz`);
  assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);

  const ready = await fetch(`${down.url}/readyz`);
  const body = (await ready.json()) as { status: string; checks: { database: string; temporal: string } };
  assert.equal(ready.status, 503);
  assert.equal(body.status, 'not ready');
  assert.equal(body.checks.database, 'ok');
  assert.match(body.checks.temporal, /^failed: /);
});

test('/readyz is ready when the database and Temporal answer, and names the database when it does not', async () => {
  const back = await recovered();
  try {
    const ready = await fetch(`${back.url}/readyz`);
    assert.deepEqual(
      [ready.status, await ready.json()],
      [200, { status: 'ready', checks: { database: 'ok', temporal: 'ok' } }],
    );
  } finally {
    await back.app.close();
  }
  const broken = await openTestContext();
  const server = await startTestServer(broken, {}, true);
  try {
    await broken.store.db.close();
    const ready = await fetch(`${server.url}/readyz`);
    const body = (await ready.json()) as { checks: { database: string; temporal: string } };
    assert.equal(ready.status, 503);
    assert.match(body.checks.database, /^failed: /);
    assert.equal(body.checks.temporal, 'ok');
  } finally {
    await server.app.close();
    await broken.temporal.connection.close();
  }
});

test('/metrics exposes the webhook counters in the Prometheus text format', async () => {
  const response = await fetch(`${down.url}/metrics`, {
    headers: { authorization: `Bearer ${ctx.env.OPERATOR_TOKEN}` },
  });
  assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await response.text();
  assert.match(text, /^# TYPE qzsync_webhooks_total counter$/m);
  assert.match(text, /^qzsync_webhooks_total\{source="qbo",outcome="accepted"\} 1$/m);
  assert.match(text, /^qzsync_webhooks_total\{source="zuper",outcome="accepted"\} 1$/m);
  assert.match(text, /^qzsync_webhooks_total\{source="qbo",outcome="store_failed"\} 1$/m);
  assert.match(text, /^qzsync_intake_handed_off_total\{source="qbo"\} 1$/m);
  assert.match(text, /^qzsync_intake_handed_off_total\{source="zuper"\} 1$/m);
  assert.match(text, /^# TYPE qzsync_intake_waiting gauge$/m);
});
