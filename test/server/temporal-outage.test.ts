import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { zuperDeliveryId } from '../../server/webhooks/delivery-id.js';
import type { Client } from '@temporalio/client';
import type { AppContext } from '../../app/context.js';
import { connectTemporal } from '../../client/temporal.js';
import { qboChangeWorkflowId, zuperChangeWorkflowId } from '../../workflows/route-changes.js';
import {
  deadTemporalAddress,
  deliveryIds,
  intuitSignatureOf,
  logLinesWithOutcome,
  openTestContext,
  seedQboConnection,
  seedZuperConnection,
  startTestServer,
  temporalTestAddress,
  webhookCounter,
  workflowExists,
  type TestServer,
} from './support.js';

const verifier = 'outage-verifier';
let ctx: AppContext;
let down: TestServer;
let live: Client;

before(async () => {
  ctx = await openTestContext({ temporalAddress: await deadTemporalAddress() });
  down = await startTestServer(ctx, { qboVerifierToken: verifier, handOffTimeoutMs: 300, readinessTimeoutMs: 300 });
  live = await connectTemporal({ address: temporalTestAddress(), namespace: ctx.env.TEMPORAL_NAMESPACE });
});
after(async () => {
  await down.app.close();
  await ctx.close();
  await live.connection.close();
});

/** The same database behind a server whose Temporal is back. */
const recovered = () => startTestServer({ ...ctx, temporal: live }, { qboVerifierToken: verifier }, true);

const postQbo = async (target: TestServer, body: string) => {
  const headers = { 'content-type': 'application/json', 'intuit-signature': intuitSignatureOf(body, verifier) };
  const response = await fetch(`${target.url}/webhooks/qbo`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() };
};

test('QBO: while Temporal is down the webhook gets 500 and the delivery is forgotten, so the retry is handed off', async () => {
  const connectionId = `outage-${randomUUID()}`;
  await seedQboConnection(ctx, connectionId, `realm-${connectionId}`);
  const eventId = randomUUID();
  const body = JSON.stringify([
    { id: eventId, type: 'qbo.item.updated.v1', intuitentityid: '3', intuitaccountid: `realm-${connectionId}` },
  ]);
  const counter = webhookCounter('qbo');

  const during = await postQbo(down, body);

  assert.deepEqual(during, {
    status: 500,
    body: { error: 'handoff_failed', message: 'Temporal is unavailable; retry later' },
  });
  assert.deepEqual(counter.changes(), { handoff_failed: 1 });
  const line = logLinesWithOutcome(down, 'handoff_failed').at(-1);
  assert.deepEqual([line?.level, line?.deliveryId, line?.connectionId], [50, eventId, connectionId]);
  assert.equal((await deliveryIds(ctx, 'qbo')).includes(eventId), false);
  const workflowId = qboChangeWorkflowId(connectionId, eventId);
  assert.equal(await workflowExists(live, workflowId), false);

  const back = await recovered();
  try {
    assert.deepEqual(await postQbo(back, body), { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } });
  } finally {
    await back.app.close();
  }
  assert.equal(await workflowExists(live, workflowId), true);
  assert.equal((await deliveryIds(ctx, 'qbo')).includes(eventId), true);
});

test('Zuper: while Temporal is down the webhook gets 500 and the delivery is forgotten, so the retry is handed off', async () => {
  const connectionId = `outage-z-${randomUUID()}`;
  await seedZuperConnection(ctx, connectionId, 'zs');
  const body = JSON.stringify({ event: 'product.update', product_uid: 'p-7' });
  const deliveryId = zuperDeliveryId(connectionId, Buffer.from(body));
  const post = (target: TestServer) =>
    fetch(`${target.url}/webhooks/zuper/${connectionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qzsync-webhook-secret': 'zs' },
      body,
    });

  assert.equal((await post(down)).status, 500);
  assert.equal((await deliveryIds(ctx, 'zuper')).includes(deliveryId), false);

  const back = await recovered();
  try {
    assert.equal((await post(back)).status, 200);
  } finally {
    await back.app.close();
  }
  assert.equal(await workflowExists(live, zuperChangeWorkflowId(connectionId, deliveryId)), true);
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
  const response = await fetch(`${down.url}/metrics`);
  assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await response.text();
  assert.match(text, /^# TYPE qzsync_webhooks_total counter$/m);
  assert.match(text, /^qzsync_webhooks_total\{source="qbo",outcome="handoff_failed"\} 1$/m);
  assert.match(text, /^qzsync_webhooks_total\{source="zuper",outcome="handoff_failed"\} 1$/m);
});
