import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createHttpServer } from '../../server/http-server.js';
import { payloadsIn, rawHistories, searchAttributesIn, textOf, type RawHistory } from '../support/raw-history.js';
import { quietWorkerLogs, startSecureStack, type SecureStack, type Tenant } from '../support/secure-stack.js';
import { until } from '../support/eventually.js';
import { notAdjustmentWatch } from '../../client/adjustment-watch.js';

quietWorkerLogs();

const marker = randomBytes(4).toString('hex');
const itemName = `Sprocket ${marker}`;
const sku = `SPR-${marker}`;
// Distinctive quantities, so finding one in a history is never a coincidence.
const startQty = 73919;
const soldInQbo = 617;
const usedInZuper = 52;
const afterSale = startQty - soldInQbo;
const afterUse = afterSale - usedInZuper;

let stack: SecureStack;
let tenant: Tenant;
let itemId: string;
let productUid: string;
let secretsSeen: Record<string, string>;
let histories: RawHistory[];

const quantityPattern = (qty: number) => new RegExp(`(?<![0-9A-Za-z.])${qty}(?![0-9A-Za-z])`);

before(async () => {
  stack = await startSecureStack();
  tenant = await stack.tenant('hist');
  [itemId = ''] = stack.qbo.admin.seedItems(tenant.realmId, { count: 1, namePrefix: itemName, qtyOnHand: startQty });
  await stack.link(tenant);
  const link = await stack.ctx.store.links.get(tenant.id, itemId);
  assert.ok(link, 'the item was linked');
  productUid = link.fieldItemId;
  assert.equal(stack.zuperQty(tenant, productUid), startQty);
  const secretsAfterLink = await stack.secrets();

  // A sale in QuickBooks reaches Zuper through the signed QBO webhook…
  stack.sellInQbo(tenant, itemId, soldInQbo);
  await until('the QBO sale to reach Zuper', () =>
    stack.zuperQty(tenant, productUid) === afterSale ? true : undefined,
  );
  // …and a Zuper invoice reaches QuickBooks through the Zuper webhook carrying the connection's secret.
  await stack.consumeInZuper(tenant, productUid, usedInZuper);
  await until('the Zuper invoice to reach QuickBooks', () =>
    stack.qboQty(tenant, itemId) === afterUse ? true : undefined,
  );
  // A failed sync whose explanation names the item: deleted in Zuper, then edited in QuickBooks.
  const deleted = await fetch(`${stack.zuper.baseUrl}/api/product/${productUid}`, {
    method: 'DELETE',
    headers: { 'x-api-key': tenant.zuper.api_key },
  });
  assert.ok(deleted.ok, `Zuper delete: ${deleted.status}`);
  stack.qbo.admin.editItemAsOtherUser(tenant.realmId, itemId, { changes: { Description: 'edited' } });
  await until('the failed item sync to be recorded', async () => {
    const failed = await stack.ctx.store.history.list({
      connectionId: tenant.id,
      kind: 'item',
      status: 'needs_attention',
    });
    return failed.length > 0 ? true : undefined;
  });
  await until('every workflow of the run to close', async () => {
    const running = await stack.rawTemporal.workflow.count(
      `TaskQueue="${stack.ctx.env.TEMPORAL_TASK_QUEUE}" AND ExecutionStatus="Running" AND ${notAdjustmentWatch}`,
    );
    return running.count === 0 ? true : undefined;
  });
  secretsSeen = { ...secretsAfterLink, ...(await stack.secrets()) };
  histories = await rawHistories(stack.rawTemporal, stack.ctx.env.TEMPORAL_TASK_QUEUE);
});
after(async () => {
  await stack.close();
});

test('the run covered linking, both webhook intakes, quantity settles and a failed item sync', () => {
  const types = new Set(histories.map((h) => h.type));
  for (const type of ['linkCatalogWorkflow', 'intakeBatchWorkflow', 'itemQuantityWorkflow', 'itemSyncWorkflow']) {
    assert.ok(types.has(type), `a ${type} ran`);
  }
  for (const source of ['qbo', 'zuper']) {
    assert.ok(
      histories.some((h) => h.workflowId.startsWith(`intake:${source}:`)),
      `a ${source} webhook went through the intake`,
    );
  }
  const failures = histories.flatMap((h) => h.history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes);
  assert.ok(failures.length > 0, 'an activity failed (the item sync of the deleted product)');
});

/** A patch id: a fixed name in the workflow code, written by the SDK itself, never business data. */
const isPatchId = (value: unknown) => typeof value === 'string' && /^[a-z0-9-]{1,64}$/.test(value);

/** The SDK records patch markers in clear (the codec never sees them); they may hold nothing but the patch id. */
function isPatchMarker(p: { path: string; data: Buffer }): boolean {
  if (!p.path.endsWith('markerRecordedEventAttributes.details.patch-data.payloads[0]')) return false;
  const values = Object.values(JSON.parse(p.data.toString('utf8')) as Record<string, unknown>);
  return values.some(isPatchId) && values.every((v) => isPatchId(v) || typeof v === 'boolean');
}

/** What the SDK writes in clear beside a local activity's (encrypted) result: its bookkeeping, never its input. */
const localActivityBookkeeping = new Set([
  'seq',
  'attempt',
  'activity_id',
  'activity_type',
  'complete_time',
  'backoff',
  'original_schedule_time',
]);

function isLocalActivityBookkeeping(p: { path: string; data: Buffer }): boolean {
  if (!p.path.endsWith('markerRecordedEventAttributes.details.data.payloads[0]')) return false;
  const fields = JSON.parse(p.data.toString('utf8')) as Record<string, unknown>;
  return (
    Object.keys(fields).every((key) => localActivityBookkeeping.has(key)) &&
    typeof fields.activity_type === 'string' &&
    /^[A-Za-z]+$/.test(fields.activity_type)
  );
}

test('every payload in every raw history is encrypted with the current key', () => {
  const clear = histories.flatMap((h) =>
    payloadsIn(h.history)
      .filter((p) => !p.path.includes('searchAttributes'))
      .filter((p) => !isPatchMarker(p) && !isLocalActivityBookkeeping(p))
      .filter((p) => p.metadata.encoding !== 'binary/encrypted' || p.metadata['encryption-key-id'] !== 'k1')
      .map((p) => `${h.type} ${h.workflowId} ${p.path} (${p.metadata.encoding})`),
  );
  assert.deepEqual(clear, [], 'payloads stored without encryption');
});

test('no token, API key, webhook secret, item name, SKU or quantity appears anywhere in a raw history', () => {
  const forbidden: [string, RegExp | string][] = [
    ...Object.entries(secretsSeen),
    ['item name', itemName],
    ['item name (escaped)', JSON.stringify(itemName).slice(1, -1)],
    ['SKU', sku],
    ...[startQty, afterSale, afterUse, soldInQbo].map((q) => [`quantity ${q}`, quantityPattern(q)] as [string, RegExp]),
  ];
  const leaks: string[] = [];
  for (const h of histories) {
    const events = h.history.events ?? [];
    events.forEach((event, index) => {
      // The server's own byte count of the history (an int64: low/high) is no business data, yet can equal a quantity.
      const text = textOf(event).replace(/historySizeBytes: (?:low: )?\d+/g, '');
      for (const [what, needle] of forbidden) {
        const found = typeof needle === 'string' ? text.includes(needle) : needle.test(text);
        if (!found) continue;
        const failure = event.activityTaskFailedEventAttributes ?? event.workflowExecutionFailedEventAttributes;
        leaks.push(
          `${what} in ${h.type} ${h.workflowId} event ${index} (${String(event.eventType)})` +
            (failure
              ? ': failure messages and stack traces are stored in clear (the failure converter must encode them)'
              : ''),
        );
      }
    });
  }
  assert.deepEqual(leaks, [], 'plaintext found in raw histories');
});

test('search attributes carry only ids and fixed kinds', () => {
  const link = { qbo: itemId, zuper: productUid };
  const allowed: Record<string, (value: unknown) => boolean> = {
    ConnectionId: (v) => v === tenant.id,
    AccountingItemId: (v) => v === link.qbo,
    FieldItemId: (v) => v === link.zuper,
    QboItemId: (v) => v === link.qbo,
    ZuperProductUid: (v) => v === link.zuper,
    SyncKind: (v) => typeof v === 'string' && ['intake', 'link', 'item', 'quantity', 'reconcile'].includes(v),
    SyncOutcome: (v) => typeof v === 'string' && ['succeeded', 'failed', 'needs_attention'].includes(v),
    // Set by the SDK for patched workflows: the patch ids the run took.
    TemporalChangeVersion: (v) => Array.isArray(v) && v.every(isPatchId),
  };
  const wrong: string[] = [];
  for (const h of histories) {
    const attributes = searchAttributesIn(h.history);
    assert.deepEqual(attributes.get('ConnectionId'), [tenant.id], `${h.workflowId} is findable by its connection`);
    for (const [name, values] of attributes) {
      for (const value of values) {
        if (!allowed[name]?.(value)) wrong.push(`${h.workflowId}: ${name}=${JSON.stringify(value)}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

/** The codec endpoint's answer for the payloads of all histories. */
async function decodeThroughEndpoint(headers: Record<string, string>) {
  const payloads = histories
    .flatMap((h) => payloadsIn(h.history))
    .filter((p) => p.metadata.encoding === 'binary/encrypted')
    .map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: p.data.toString('base64'),
    }));
  const response = await fetch(`${stack.url}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    body: JSON.stringify({ payloads }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { payloads?: { data: string }[]; error?: unknown },
  };
}

test('the codec endpoint decodes the histories for an operator holding the token', async () => {
  const answer = await decodeThroughEndpoint({ authorization: `Bearer ${stack.operatorToken}` });
  assert.equal(answer.status, 200);
  const decoded = (answer.body.payloads ?? []).map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
  assert.ok(decoded.includes(itemName), 'the item name is in the decoded payloads');
  assert.match(decoded, quantityPattern(afterSale), 'a settled quantity is in the decoded payloads');
});

test('the codec endpoint refuses to decode without the operator token outside development', async () => {
  const refused: Record<string, string>[] = [
    {},
    { authorization: `Bearer ${stack.operatorToken}x` },
    { authorization: stack.operatorToken },
  ];
  for (const headers of refused) {
    const answer = await decodeThroughEndpoint(headers);
    assert.equal(answer.status, 401);
    assert.deepEqual(Object.keys(answer.body), ['error'], 'no payloads, only the refusal');
    assert.match(JSON.stringify(answer.body.error), /lacks the codec token/);
  }
  const preflight = await fetch(`${stack.url}/codec/decode`, {
    method: 'OPTIONS',
    headers: { origin: `http://localhost:${stack.ctx.env.TEMPORAL_UI_PORT}`, 'access-control-request-method': 'POST' },
  });
  assert.equal(preflight.status, 204, 'the UI preflight needs no token');
  assert.equal(await preflight.text(), '', 'and returns nothing');
});

test('in development the codec endpoint decodes without a token', async () => {
  const development = createHttpServer(
    { ...stack.ctx, env: { ...stack.ctx.env, NODE_ENV: 'development' } },
    { logger: false },
  );
  try {
    const payload = payloadsIn(histories[0]?.history).find((p) => p.metadata.encoding === 'binary/encrypted');
    assert.ok(payload);
    const answer = await development.inject({
      method: 'POST',
      url: '/codec/decode',
      payload: {
        payloads: [
          {
            metadata: Object.fromEntries(
              Object.entries(payload.metadata).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
            ),
            data: payload.data.toString('base64'),
          },
        ],
      },
    });
    assert.equal(answer.statusCode, 200);
    const [decoded] = answer.json<{ payloads: { metadata: Record<string, string> }[] }>().payloads;
    assert.equal(Buffer.from(decoded?.metadata.encoding ?? '', 'base64').toString(), 'json/plain');
  } finally {
    await development.close();
  }
});
