/**
 * Two tenants on one deployment: connection A (QuickBooks company A, Zuper company A) and connection B (QuickBooks
 * company B, Zuper company B). Crafted cross-tenant inputs through every door (QuickBooks and Zuper webhooks, the
 * operator API, workflows started by hand) must neither read nor change the other tenant's data.
 */
import { notAdjustmentWatch } from '../../client/adjustment-watch.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryList } from '../../operator/contract/history.js';
import type { RetryAnswer } from '../../operator/contract/retry.js';
import type { ConnectionStatusView } from '../../operator/contract/status.js';
import { itemQuantityWorkflow, requestSettleSignal } from '../../workflows/item-quantity.js';
import { itemSyncWorkflow } from '../../workflows/item-sync.js';
import { ConnectionIdKey, itemIdSearchAttributes, SyncKindKey } from '../../workflows/search-attributes.js';
import {
  quietWorkerLogs,
  qboCloudEvent,
  startSecureStack,
  type SecureStack,
  type Tenant,
} from '../support/secure-stack.js';
import { itemQuantityWorkflowId } from '../../client/workflow-ids.js';
import { until } from '../support/eventually.js';
import { storedCredentials } from '../support/stored-credentials.js';

quietWorkerLogs();

let stack: SecureStack;
let a: Tenant;
let b: Tenant;
/** Each tenant's linked items: QuickBooks item id and Zuper product uid. */
const items: Record<'a' | 'b' | 'bBroken', { qbo: string; zuper: string }> = {
  a: { qbo: '', zuper: '' },
  b: { qbo: '', zuper: '' },
  bBroken: { qbo: '', zuper: '' },
};
let aInvoiceId: string;
let bInvoiceUid: string;
let bFailureId: number;

const tables = [
  'item_links',
  'category_links',
  'settles',
  'movements',
  'sync_runs',
  'transaction_items',
  'webhook_deliveries',
];

/** Every row any table holds for a connection, in a stable order. */
async function rowsOf(connectionId: string) {
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    const found = await stack.ctx.store.db.query(`SELECT * FROM ${table} WHERE connection_id = $1`, [connectionId]);
    rows[table] = found.map((r) => JSON.stringify(r)).sort();
  }
  return rows;
}

/** What a connection's links say, without the time of their last settle. */
const linkStates = async (connectionId: string) =>
  (await stack.ctx.store.links.list(connectionId)).map((l) => [
    l.accountingItemId,
    l.fieldItemId,
    l.baseQty,
    l.version,
  ]);

async function workflowsOf(connectionId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of stack.ctx.temporal.workflow.list({ query: `ConnectionId="${connectionId}"` })) {
    ids.push(`${wf.workflowId}/${wf.runId}`);
  }
  return ids.sort();
}

const quantities = () => ({
  a: [stack.qboQty(a, items.a.qbo), stack.zuperQty(a, items.a.zuper)],
  b: [stack.qboQty(b, items.b.qbo), stack.zuperQty(b, items.b.zuper)],
});

const running = async () =>
  (
    await stack.ctx.temporal.workflow.count(
      `TaskQueue="${stack.ctx.env.TEMPORAL_TASK_QUEUE}" AND ExecutionStatus="Running" AND ${notAdjustmentWatch}`,
    )
  ).count;

/** Waits until Temporal has had nothing running on the task queue for a moment (visibility lags a little). */
const quiet = () =>
  until(
    'every workflow to finish',
    async () => {
      if ((await running()) > 0) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return (await running()) === 0 ? true : undefined;
    },
    20_000,
  );

/** Everything a tenant has, to compare before and after a crafted input. */
async function snapshot(tenant: Tenant) {
  return { rows: await rowsOf(tenant.id), workflows: await workflowsOf(tenant.id) };
}

before(async () => {
  stack = await startSecureStack();
  [a, b] = [await stack.tenant('tenant-a'), await stack.tenant('tenant-b')];
  // No scheduled reconciliation may run in the middle of a before/after comparison.
  for (const t of [a, b])
    assert.equal((await stack.api('POST', `/api/connections/${t.id}/schedule/pause`)).status, 200);
  // Different item ids in the two companies, so an id of B names nothing in A.
  [items.a.qbo = ''] = stack.qbo.admin.seedItems(a.realmId, { count: 1, namePrefix: 'Alpha', qtyOnHand: 20 });
  const [, , bItem = '', bBroken = ''] = stack.qbo.admin.seedItems(b.realmId, {
    count: 4,
    namePrefix: 'Beta',
    qtyOnHand: 50,
  });
  [items.b.qbo, items.bBroken.qbo] = [bItem, bBroken];
  await stack.link(a);
  await stack.link(b);
  for (const [key, tenant] of [
    ['a', a],
    ['b', b],
    ['bBroken', b],
  ] as const) {
    const link = await stack.ctx.store.links.get(tenant.id, items[key].qbo);
    assert.ok(link, `${key} is linked`);
    items[key].zuper = link.fieldItemId;
  }
  for (const id of [items.b.qbo, items.bBroken.qbo]) {
    assert.equal(stack.qbo.admin.getEntity(a.realmId, 'Item', id), undefined, `company A has no item ${id}`);
  }

  // Each tenant sells: A in QuickBooks, B in Zuper.
  aInvoiceId = stack.sellInQbo(a, items.a.qbo, 2);
  bInvoiceUid = await stack.consumeInZuper(b, items.b.zuper, 5);
  // B has a failed sync to retry: its second product was deleted in Zuper before a sale.
  const deleted = await fetch(`${stack.zuper.baseUrl}/api/product/${items.bBroken.zuper}`, {
    method: 'DELETE',
    headers: { 'x-api-key': b.zuper.api_key },
  });
  assert.ok(deleted.ok);
  stack.sellInQbo(b, items.bBroken.qbo, 1);
  await until('both sales to settle', () => {
    const q = quantities();
    return q.a[1] === 18 && q.b[0] === 45 ? true : undefined;
  });
  bFailureId = await until('B to record the failed settle', async () => {
    const [failure] = await stack.ctx.store.history.list({
      connectionId: b.id,
      accountingItemId: items.bBroken.qbo,
      kind: 'quantity',
      status: 'needs_attention',
    });
    return failure?.id;
  });
  await quiet();
});
after(async () => {
  await stack.close();
});

test('the tenants start in sync and apart', () => {
  assert.deepEqual(quantities(), { a: [18, 18], b: [45, 45] });
});

test("a correctly signed QuickBooks webhook naming B's company with A's entity ids changes nothing of A, nor any quantity", async () => {
  const beforeA = await snapshot(a);
  const beforeB = await rowsOf(b.id);
  const linksB = await linkStates(b.id);
  const events = [
    qboCloudEvent(b.realmId, 'qbo.invoice.created.v1', aInvoiceId),
    qboCloudEvent(b.realmId, 'qbo.item.updated.v1', items.a.qbo),
  ];
  const answer = await stack.postQbo(JSON.stringify(events));
  assert.deepEqual(answer, { status: 200, body: { accepted: 2, duplicates: 0, ignored: 0 } });
  await until('B to see the two intakes', async () =>
    (await stack.ctx.store.db.query('SELECT 1 FROM webhook_deliveries WHERE connection_id = $1', [b.id])).length >
    beforeB.webhook_deliveries!.length
      ? true
      : undefined,
  );
  await quiet();

  assert.deepEqual(await snapshot(a), beforeA, "A's rows and workflows are untouched");
  assert.deepEqual(quantities(), { a: [18, 18], b: [45, 45] });
  // B settled its own items again (in sync, nothing moved): only the time of its last settle may change.
  const after = await rowsOf(b.id);
  assert.deepEqual([after.movements, after.settles], [beforeB.movements, beforeB.settles]);
  assert.deepEqual(await linkStates(b.id), linksB);
});

test("Zuper webhooks naming B's product and invoice, sent to A with A's secret, neither read nor change B", async () => {
  const beforeA = await snapshot(a);
  const beforeB = await snapshot(b);
  const { webhookSecret } = await storedCredentials(stack.ctx.store).loadZuper(a.id);
  const seq = Math.max(0, ...stack.zuper.admin.requestLog().map((e) => e.seq));
  const bodies = [
    { event: 'product.update', product_uid: items.b.zuper },
    { event: 'product.update_stock', product_uid: items.b.zuper },
    { event: 'invoice.new', invoice_uid: bInvoiceUid },
  ];
  for (const body of bodies) {
    assert.deepEqual(await stack.postZuper(a.id, JSON.stringify(body), webhookSecret), {
      status: 200,
      body: { accepted: 1, duplicates: 0, ignored: 0 },
    });
  }
  await quiet();

  assert.deepEqual(await snapshot(b), beforeB, "B's rows and workflows are untouched");
  assert.deepEqual(quantities(), { a: [18, 18], b: [45, 45] });
  const touchingB = stack.zuper.admin
    .requestLog({ afterSeq: seq })
    .filter((e) => e.path.includes(items.b.zuper) || e.path.includes(bInvoiceUid));
  assert.ok(touchingB.length > 0, "A's intake looked the uids up (with A's key)");
  assert.deepEqual(
    touchingB.map((e) => `${e.method} ${e.status}`),
    touchingB.map((e) => `${e.method} 404`),
    "Zuper company A does not have B's records",
  );
  const rowsA = await rowsOf(a.id);
  for (const table of ['item_links', 'settles', 'movements', 'transaction_items']) {
    assert.deepEqual(rowsA[table], beforeA.rows[table], `no ${table} row of A names B's records`);
  }
});

test("Zuper's delivery to B is not suppressed by the same body sent earlier to A", async () => {
  const secretA = (await storedCredentials(stack.ctx.store).loadZuper(a.id)).webhookSecret;
  const secretB = (await storedCredentials(stack.ctx.store).loadZuper(b.id)).webhookSecret;
  // What Zuper sends when a product changes: two connections on one Zuper company get these very bytes, and a
  // tenant holding its own secret can send any bytes it likes.
  const body = JSON.stringify({ event: 'product.update_stock', product_uid: items.b.zuper, n: Date.now() });
  assert.equal((await stack.postZuper(a.id, body, secretA)).status, 200);
  const toB = await stack.postZuper(b.id, body, secretB);
  assert.deepEqual(
    toB,
    { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } },
    "ISOLATION: a delivery to one connection must never make another connection's identical delivery a " +
      "'duplicate' that is not handed off (delivery ids are scoped to the connection)",
  );
  await quiet();
});

test("a Zuper webhook to B's URL with A's secret is refused and changes nothing of B", async () => {
  const beforeB = await snapshot(b);
  const { webhookSecret } = await storedCredentials(stack.ctx.store).loadZuper(a.id);
  const body = JSON.stringify({ event: 'product.update_stock', product_uid: items.b.zuper });
  assert.deepEqual(await stack.postZuper(b.id, body, webhookSecret), {
    status: 401,
    body: { error: 'bad_secret', message: 'x-qzsync-webhook-secret is wrong' },
  });
  assert.deepEqual(await snapshot(b), beforeB);
});

/** An operator API answer that must be 200, typed as its contract says. */
async function operatorGet(path: string) {
  const answer = await stack.api('GET', path);
  assert.equal(answer.status, 200, path);
  return answer.body;
}

test("the operator API answers for A with A's data only, whatever ids of B it is given", async () => {
  const history = async (connectionId: string, query: string) =>
    ((await operatorGet(`/api/connections/${connectionId}/history?${query}`)) as HistoryList).entries;
  assert.ok((await history(b.id, `item=${items.b.zuper}`)).length > 0, 'B has history for its product');
  for (const item of [items.b.qbo, items.bBroken.qbo]) {
    assert.deepEqual(await history(a.id, `item=${item}`), [], `A's history for ${item}`);
  }
  // A's only entries naming B's product are A's own: its intake reporting the uid A's webhook named as not A's.
  const named = await history(a.id, `item=${items.b.zuper}`);
  assert.deepEqual(
    named.map((e) => [e.connectionId, e.accountingItemId, e.qtyBefore, e.qtyAfter]),
    named.map(() => [a.id, null, null, null]),
  );
  assert.equal(JSON.stringify(named).includes('Beta'), false, "no name of B's items");
  const all = await history(a.id, 'limit=500');
  assert.deepEqual([...new Set(all.map((e) => e.connectionId))], [a.id], "A's history lists A's entries only");

  const status = (await operatorGet(`/api/connections/${a.id}/status`)) as ConnectionStatusView;
  assert.deepEqual(status.links, { total: 1, quantityTracked: 1, pendingSettles: 0 });
  assert.deepEqual(
    status.openFailures.filter(
      (f) => f.connectionId !== a.id || f.id === bFailureId || f.accountingItemId === items.bBroken.qbo,
    ),
    [],
    "B's failure is not among A's",
  );
  assert.deepEqual([status.qbo.realmId, status.zuper.company], [a.realmId, a.id]);
});

test("a settle or item sync started under A with B's ids reads and writes nothing of B", async () => {
  const beforeB = await snapshot(b);
  const seq = Math.max(0, ...stack.zuper.admin.requestLog().map((e) => e.seq));
  const start = (qboItemId: string, zuperProductUid: string) =>
    stack.ctx.temporal.workflow.signalWithStart(itemQuantityWorkflow, {
      workflowId: itemQuantityWorkflowId(a.id, qboItemId),
      taskQueue: stack.ctx.env.TEMPORAL_TASK_QUEUE,
      args: [{ connectionId: a.id, qboItemId, zuperProductUid, idleTimeoutMs: 500 }],
      signal: requestSettleSignal,
      signalArgs: [{ reason: 'crafted' }],
      typedSearchAttributes: [
        { key: ConnectionIdKey, value: a.id },
        ...itemIdSearchAttributes('accounting', qboItemId),
        { key: SyncKindKey, value: 'quantity' },
      ],
    });
  // B's item and product under A; then A's own item paired with B's product.
  const foreign = await start(items.b.qbo, items.b.zuper);
  assert.deepEqual((await foreign.result()).lastResult, {
    status: 'failed',
    failure: {
      status: 'needs_attention',
      code: 'link-missing',
      explanation: `QuickBooks item ${items.b.qbo} is not linked to a Zuper product in connection ${a.id}.`,
      fix: 'Run `qzsync link` (with --dry-run first) to link the catalogs.',
    },
  });
  const mixed = await start(items.a.qbo, items.b.zuper);
  assert.deepEqual((await mixed.result()).lastResult, { status: 'in-sync', accounting: 18, field: 18, base: 18 });
  for (const [system, id] of [
    ['zuper', items.b.zuper],
    ['qbo', items.b.qbo],
  ] as const) {
    await stack.ctx.temporal.workflow.execute(itemSyncWorkflow, {
      workflowId: `item:${a.id}:crafted-${system}-${id}`,
      taskQueue: stack.ctx.env.TEMPORAL_TASK_QUEUE,
      args: [{ connectionId: a.id, system, id, idleTimeoutMs: 100 }],
      typedSearchAttributes: [{ key: ConnectionIdKey, value: a.id }],
    });
  }
  await quiet();

  assert.deepEqual(await snapshot(b), beforeB, "B's rows and workflows are untouched");
  assert.deepEqual(quantities(), { a: [18, 18], b: [45, 45] });
  const readsOfB = stack.zuper.admin
    .requestLog({ afterSeq: seq })
    .filter((e) => e.path.includes(items.b.zuper) && e.status !== 404);
  assert.deepEqual(readsOfB, [], "no call reached B's product");
  for (const link of await stack.ctx.store.links.list(a.id)) {
    assert.ok(stack.qbo.admin.getEntity(a.realmId, 'Item', link.accountingItemId), "A's links name A's items");
    assert.ok(stack.zuper.admin.product(a.zuper.company_name, link.fieldItemId), "and A's products");
  }
});

test("linking A again links A's catalogs only", async () => {
  const beforeB = await rowsOf(b.id);
  await stack.link(a);
  await quiet();
  const links = await stack.ctx.store.links.list(a.id);
  assert.deepEqual(
    links.map((l) => [l.accountingItemId, l.fieldItemId]),
    [[items.a.qbo, items.a.zuper]],
  );
  assert.deepEqual((await rowsOf(b.id)).item_links, beforeB.item_links);
});

test("retrying B's failed sync starts work for B only, never under A", async () => {
  const beforeA = await workflowsOf(a.id);
  const answer = await stack.api('POST', `/api/history/${bFailureId}/retry`);
  assert.equal(answer.status, 200);
  const retry = answer.body as RetryAnswer;
  assert.deepEqual([retry.started, retry.workflowId], ['settle', itemQuantityWorkflowId(b.id, items.bBroken.qbo)]);
  await quiet();
  assert.deepEqual(await workflowsOf(a.id), beforeA);
  assert.deepEqual(quantities(), { a: [18, 18], b: [45, 45] });
});
