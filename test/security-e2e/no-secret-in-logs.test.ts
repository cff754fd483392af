import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { createQboOAuth } from '../../integrations/qbo/oauth.js';
import { captureLogs } from '../server/support.js';
import { qboCloudEvent, startSecureStack, type SecureStack, type Tenant } from '../support/secure-stack.js';
import { until } from '../support/eventually.js';
import { storedCredentials } from '../support/stored-credentials.js';

// Before any connection to Temporal: every worker, workflow, activity and core log line, at the most verbose levels.
const runtimeEntries: LogEntry[] = [];
Runtime.install({
  logger: new DefaultLogger('TRACE', (entry) => runtimeEntries.push(entry)),
  telemetryOptions: { logging: { filter: { core: 'DEBUG', other: 'DEBUG' }, forward: {} } },
});

const serverLog = captureLogs();
const consoleOutput: string[] = [];
const forbidden = new Map<string, string>();
let stack: SecureStack;
let tenant: Tenant;

/** Records what a secret is, under a name that says where it came from. */
const remember = (found: Record<string, string>) => {
  for (const [what, value] of Object.entries(found)) forbidden.set(value, what);
};

/** Tees stdout and stderr (console output included) into `consoleOutput` until the returned function is called. */
function teeConsole(): () => void {
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write.bind(s));
  streams.forEach((stream, i) => {
    stream.write = (chunk: string | Uint8Array, ...rest: never[]) => {
      consoleOutput.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return originals[i]!(chunk, ...rest);
    };
  });
  return () => streams.forEach((stream, i) => (stream.write = originals[i]!));
}

/** How the activity failures were logged. */
const activityFailures = () =>
  runtimeEntries.filter((e) => e.message === 'Activity failed').map((e) => inspect(e.meta));
// The explanation our invalid_grant error carries.
const invalidGrant = 'QuickBooks no longer accepts this connection';

const status = async () => (await stack.ctx.store.connections.get(tenant.id)).status;

before(async () => {
  const restoreConsole = teeConsole();
  try {
    console.log('console capture marker');
    stack = await startSecureStack({ logStream: serverLog.stream });
    remember(await stack.secrets());
    tenant = await stack.tenant('logs');
    remember(await stack.secrets());

    // A full sync: link, a QuickBooks sale and a Zuper consumption, each through its webhook.
    const [itemId = ''] = stack.qbo.admin.seedItems(tenant.realmId, { count: 1, namePrefix: 'Valve', qtyOnHand: 40 });
    await stack.link(tenant);
    const productUid = (await stack.ctx.store.links.get(tenant.id, itemId))?.fieldItemId ?? '';
    stack.sellInQbo(tenant, itemId, 3);
    await until('the sale to settle', () => (stack.zuperQty(tenant, productUid) === 37 ? true : undefined));
    await stack.consumeInZuper(tenant, productUid, 2);
    await until('the consumption to settle', () => (stack.qboQty(tenant, itemId) === 35 ? true : undefined));
    remember(await stack.secrets());

    // Refused requests carrying near-misses of each secret (a logged near-miss would reveal the secret).
    const { webhookSecret } = await storedCredentials(stack.ctx.store).loadZuper(tenant.id);
    const event = JSON.stringify([qboCloudEvent(tenant.realmId, 'qbo.item.updated.v1', itemId)]);
    const nearMisses = {
      'near-miss QBO signature': `${stack.verifierToken}-as-signature`,
      'near-miss webhook secret': `${webhookSecret}x`,
      'near-miss operator token': `${stack.operatorToken}x`,
    };
    remember(nearMisses);
    assert.equal((await stack.postQbo(event, nearMisses['near-miss QBO signature'])).status, 401);
    const zuperBody = JSON.stringify({ event: 'product.update', product_uid: productUid });
    assert.equal((await stack.postZuper(tenant.id, zuperBody, nearMisses['near-miss webhook secret'])).status, 401);
    assert.equal(
      (await stack.api('GET', '/api/connections', undefined, nearMisses['near-miss operator token'])).status,
      401,
    );
    const callback = await fetch(`${stack.url}/oauth/qbo/callback?state=s-${randomBytes(8).toString('hex')}&code=c`, {
      headers: { cookie: `qzsync_oauth_session=${randomBytes(32).toString('base64url')}` },
    });
    assert.equal(callback.status, 400);

    // Zuper answers 401: the stored API key no longer works.
    const zuper = await storedCredentials(stack.ctx.store).loadZuper(tenant.id);
    const revokedKey = `zk-revoked-${randomBytes(12).toString('hex')}`;
    remember({ 'revoked Zuper API key': revokedKey });
    await storedCredentials(stack.ctx.store).saveZuper(
      tenant.id,
      tenant.id,
      zuper.apiUrl,
      revokedKey,
      zuper.webhookSecret,
    );
    stack.ctx.clients.forget(tenant.id);
    assert.equal(
      (await stack.postZuper(tenant.id, zuperBody.replace('product.update', 'product.update_stock'), webhookSecret))
        .status,
      200,
    );
    await until('the Zuper 401 to pause the connection', async () =>
      (await status()) === 'needs_reconnect' ? true : undefined,
    );
    await storedCredentials(stack.ctx.store).saveZuper(
      tenant.id,
      tenant.id,
      zuper.apiUrl,
      zuper.apiKey,
      zuper.webhookSecret,
    );
    await stack.ctx.store.connections.setStatus(tenant.id, 'active', null);
    stack.ctx.clients.forget(tenant.id);

    // QuickBooks refuses the refresh (invalid_grant): the app was disconnected in QuickBooks.
    const tokens = await storedCredentials(stack.ctx.store).loadQboTokens(tenant.id);
    await createQboOAuth(stack.ctx.apps.qbo).revoke(tokens.refreshToken);
    const invoiceId = stack.sellInQbo(tenant, itemId, 1);
    const sale = JSON.stringify([qboCloudEvent(tenant.realmId, 'qbo.invoice.created.v1', invoiceId)]);
    assert.equal((await stack.postQbo(sale)).status, 200);
    await until('the refused refresh to fail the intake', () =>
      activityFailures().some((f) => f.includes(invalidGrant)) ? true : undefined,
    );
    remember(await stack.secrets());
  } finally {
    restoreConsole();
  }
});
after(async () => {
  await stack.close();
});

/** The forbidden values found in `text`, by name. */
const leaksIn = (text: string) => [...forbidden].filter(([value]) => text.includes(value)).map(([, what]) => what);

test('the scenario produced the failures it is about, and every log was captured', () => {
  assert.ok(forbidden.size >= 12, `${forbidden.size} secrets tracked`);
  const outcomes = serverLog.lines().map((l) => l.outcome);
  for (const outcome of ['accepted', 'bad_signature', 'bad_secret']) assert.ok(outcomes.includes(outcome), outcome);
  assert.ok(serverLog.lines().some((l) => l.msg === 'operator request refused'));
  const failures = activityFailures();
  assert.ok(
    failures.some((f) => f.includes(invalidGrant)),
    'the invalid_grant refresh was logged',
  );
  assert.ok(
    failures.some((f) => f.includes('Zuper rejected the API key')),
    "Zuper's 401 was logged",
  );
  assert.ok(consoleOutput.join('').includes('console capture marker'));
});

test('no token, API key, webhook secret, verifier or operator token reaches the server log', () => {
  assert.deepEqual(leaksIn(serverLog.text()), []);
});

test('none reaches the Temporal runtime log (worker, workflows, activities, core)', () => {
  const text = runtimeEntries
    .map((e) => inspect(e, { depth: null, maxArrayLength: null, maxStringLength: null }))
    .join('\n');
  assert.ok(text.length > 0);
  assert.deepEqual(leaksIn(text), []);
});

test('none reaches the console', () => {
  assert.deepEqual(leaksIn(consoleOutput.join('')), []);
});
