/**
 * Webhook and OAuth hardening not already proven by test/server/: the signature, size limits, replay, stale events and
 * rate limits there are checked per route on one server. Here: non-canonical signed bytes, bodies without a length,
 * replays across server replicas and inside one POST, budgets that refusals cannot drain, and who may start OAuth.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { startQboEmulator, type RunningQboEmulator } from '../../emulators/qbo/index.js';
import { qboConnectLink } from '../../integrations/qbo/operator-routes.js';
import { TestBrowser } from '../server/browser.js';
import {
  deliveryIds,
  intakeBatchOf,
  intakeWorkflowOf,
  intuitSignatureOf,
  openTestContext,
  seedQboConnection,
  startTestServer,
  webhookCounter,
  workflowIdsOf,
  type Answer,
  type TestServer,
} from '../server/support.js';
import { qboCloudEvent } from '../support/secure-stack.js';
import { storedCredentials } from '../support/stored-credentials.js';
import { credentialFields } from '../support/stored-credentials.js';

const verifier = `verifier-${randomUUID()}`;
let emulator: RunningQboEmulator;
let ctx: AppContext;
let server: TestServer;

before(async () => {
  emulator = await startQboEmulator();
  ctx = await openTestContext({ qboEmulatorUrl: emulator.baseUrl, env: { OPERATOR_TOKEN: `op-${randomUUID()}` } });
  server = await startTestServer(ctx, { webhookSigningKeys: { qbo: verifier } });
  emulator.admin.registerApp({ ...ctx.apps.qbo, redirectUris: [ctx.apps.qbo.redirectUri] });
});
after(async () => {
  await server.app.close();
  await ctx.close();
  await emulator.close();
});

/** A connection with a QuickBooks company and a Zuper webhook secret. */
async function freshConnection() {
  const connectionId = `hard-${randomUUID()}`;
  const realmId = String(Date.now()) + String(Math.floor(Math.random() * 1000));
  await seedQboConnection(ctx, connectionId, realmId);
  const secret = `secret-${randomUUID()}`;
  await storedCredentials(ctx.store).saveZuper(
    connectionId,
    'acme',
    'http://127.0.0.1:9/api',
    'zuper-key-1234',
    secret,
  );
  return { connectionId, realmId, secret };
}

async function send(
  target: TestServer,
  path: string,
  headers: Record<string, string>,
  body: string | ReadableStream<Uint8Array>,
): Promise<Answer> {
  const response = await fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const postQbo = (body: string, signature = intuitSignatureOf(body, verifier), target = server) =>
  send(target, '/webhooks/qbo', { 'intuit-signature': signature }, body);
const postZuper = (connectionId: string, body: string, secret: string, target = server) =>
  send(target, `/webhooks/zuper/${connectionId}`, { 'x-qzsync-webhook-secret': secret }, body);

test("the signature covers Intuit's exact bytes: a non-canonical body is accepted as sent, and refused re-serialised", async () => {
  const { connectionId, realmId } = await freshConnection();
  const event = qboCloudEvent(realmId, 'qbo.item.updated.v1', '7');
  // Intuit's bytes: pretty-printed, with an escaped character.
  const asSent = JSON.stringify([event], null, 2).replace('"qbo.item.updated.v1"', '"qbo.item.updated\\u002ev1"');
  const signature = intuitSignatureOf(asSent, verifier);
  const reserialised = JSON.stringify(JSON.parse(asSent));
  assert.deepEqual(JSON.parse(reserialised), JSON.parse(asSent), 'the same JSON meaning');

  assert.deepEqual(await postQbo(reserialised, signature), {
    status: 401,
    body: { error: 'bad_signature', message: 'intuit-signature does not match the body' },
  });
  assert.deepEqual(await postQbo(asSent, signature), { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } });
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, 1), [await intakeBatchOf(ctx, 'qbo', event.id)]);
});

/** A body streamed without Content-Length, `size` bytes of valid JSON. */
function chunkedJson(size: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('['));
      if (sent >= size) {
        controller.enqueue(new TextEncoder().encode(']'));
        controller.close();
        return;
      }
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

test('a body over the limit streamed without a Content-Length is refused (413) and records nothing', async () => {
  const { connectionId, secret } = await freshConnection();
  const before = [await deliveryIds(ctx, 'qbo'), await deliveryIds(ctx, 'zuper')];
  const counter = await webhookCounter('qbo');
  const qbo = await send(server, '/webhooks/qbo', { 'intuit-signature': 'x' }, chunkedJson(1024 * 1024 + 1));
  const zuper = await send(
    server,
    `/webhooks/zuper/${connectionId}`,
    { 'x-qzsync-webhook-secret': secret },
    chunkedJson(256 * 1024 + 1),
  );
  assert.deepEqual([qbo.status, qbo.body.error, zuper.status, zuper.body.error], [413, 'too_large', 413, 'too_large']);
  assert.deepEqual(await counter.changes(), { too_large: 1 });
  assert.deepEqual([await deliveryIds(ctx, 'qbo'), await deliveryIds(ctx, 'zuper')], before);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId), []);
});

test('the same event delivered to two server replicas over one database is stored and handed off once', async () => {
  const replica = await startTestServer(ctx, { webhookSigningKeys: { qbo: verifier } }, true);
  try {
    const { connectionId, realmId, secret } = await freshConnection();
    const event = JSON.stringify([qboCloudEvent(realmId, 'qbo.invoice.created.v1', '12')]);
    const product = JSON.stringify({ event: 'product.update', product_uid: randomUUID() });
    const answers = await Promise.all([
      postQbo(event),
      postQbo(event, undefined, replica),
      postZuper(connectionId, product, secret),
      postZuper(connectionId, product, secret, replica),
    ]);
    const tally = (a: Answer[]) => a.map((x) => `${String(x.body.accepted)}/${String(x.body.duplicates)}`).sort();
    assert.deepEqual(tally(answers.slice(0, 2)), ['0/1', '1/0'], 'QuickBooks: one accepted, one duplicate');
    assert.deepEqual(tally(answers.slice(2)), ['0/1', '1/0'], 'Zuper: one accepted, one duplicate');
    // Both replicas' dispatchers claim from the one outbox: one batch per source, each started once.
    const batches = await workflowIdsOf(ctx.temporal, connectionId, 2);
    assert.equal(batches.length, 2);
    const changes = await Promise.all(batches.map(async (b) => (await intakeWorkflowOf(ctx, b)).changes.length));
    assert.deepEqual(changes, [1, 1]);
  } finally {
    await replica.app.close();
  }
});

test('an event repeated inside one POST is stored and routed once', async () => {
  const { connectionId, realmId } = await freshConnection();
  const event = qboCloudEvent(realmId, 'qbo.item.updated.v1', '3');
  const answer = await postQbo(JSON.stringify([event, event, event]));
  assert.deepEqual(answer, { status: 200, body: { accepted: 1, duplicates: 2, ignored: 0 } });
  const batch = await intakeBatchOf(ctx, 'qbo', event.id);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, 1), [batch]);
  assert.equal((await intakeWorkflowOf(ctx, batch)).changes.length, 1);
});

test("refused requests never use up a connection's budget, and each source has its own", async () => {
  const limited = await startTestServer(
    ctx,
    { webhookSigningKeys: { qbo: verifier }, webhookRateLimit: { perSecond: 0, burst: 1 } },
    true,
  );
  try {
    const { connectionId, realmId, secret } = await freshConnection();
    const qboBody = () => JSON.stringify([qboCloudEvent(realmId, 'qbo.item.updated.v1', '1')]);
    const zuperBody = () => JSON.stringify({ event: 'product.update', product_uid: randomUUID() });
    for (let i = 0; i < 5; i++) {
      assert.equal((await postQbo(qboBody(), intuitSignatureOf(qboBody(), 'forged'), limited)).status, 401);
      assert.equal((await postZuper(connectionId, zuperBody(), `${secret}x`, limited)).status, 401);
    }
    // The one request each budget allows is still there after the refusals, and spending Zuper's leaves QuickBooks'.
    assert.equal((await postZuper(connectionId, zuperBody(), secret, limited)).status, 200);
    assert.equal((await postQbo(qboBody(), undefined, limited)).status, 200);
    assert.equal((await postZuper(connectionId, zuperBody(), secret, limited)).status, 429);
    assert.equal((await postQbo(qboBody(), undefined, limited)).status, 429);
  } finally {
    await limited.app.close();
  }
});

test('only the link the operator API issued can start a QuickBooks authorisation for a connection', async () => {
  const connectionId = `oauth-${randomUUID()}`;
  await ctx.store.connections.create(connectionId, 'OAuth start');
  const { realmId: attackerRealm } = emulator.admin.createRealm();
  emulator.admin.updateSettings({ oauth: { authorizeRealmId: attackerRealm } });
  const statesBefore = await ctx.store.db.query('SELECT state FROM oauth_states WHERE connection_id = $1', [
    connectionId,
  ]);

  // Somebody who only knows (or guesses) the connection id, signing in to a company of their own.
  const guessed = `${server.url}/oauth/qbo/connect?connection=${encodeURIComponent(connectionId)}`;
  const page = await new TestBrowser().open(guessed);

  const connection = await ctx.store.connections.get(connectionId);
  assert.deepEqual(
    {
      status: page.status < 400 ? 'started' : 'refused',
      realm: credentialFields(connection).qboRealmId,
      tokens: credentialFields(connection).hasQboTokens,
    },
    { status: 'refused', realm: null, tokens: false },
    'SECURITY: /oauth/qbo/connect must require proof that the operator issued the link (a signed, expiring ticket); ' +
      'otherwise anyone knowing a connection id can attach their own QuickBooks company to it before its owner does',
  );
  assert.equal(
    (await ctx.store.db.query('SELECT state FROM oauth_states WHERE connection_id = $1', [connectionId])).length,
    statesBefore.length,
    'no state was issued',
  );
  const issued = await qboConnectLink(ctx, connectionId);
  assert.equal((await new TestBrowser().open(issued.url)).status, 200, 'the issued link still works');
  assert.equal(credentialFields(await ctx.store.connections.get(connectionId)).qboRealmId, attackerRealm);
});
