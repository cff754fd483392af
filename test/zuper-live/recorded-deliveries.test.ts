/**
 * Zuper as recorded live, end to end: the emulator (at its evidence defaults) delivers flat bodies under Zuper's real
 * keys to the service's real HTTP endpoint, the real Temporal server runs the intake and the settles, and each
 * change lands in the QuickBooks emulator without waiting for reconciliation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { zuperSubscriptions } from '../../integrations/zuper/events.js';
import { quietWorkerLogs, startSecureStack, type SecureStack } from '../support/secure-stack.js';
import { recordedZuperBody } from '../support/zuper-deliveries.js';
import { zuperDeliveryId } from '../../integrations/zuper/webhook.js';
import { until } from '../support/eventually.js';
import { storedCredentials } from '../support/stored-credentials.js';

quietWorkerLogs();

let stack: SecureStack;
let tenant: Awaited<ReturnType<SecureStack['tenant']>>;
let item: { qbo: string; zuper: string };
let secret: string;

before(async () => {
  stack = await startSecureStack();
  tenant = await stack.tenant('live');
  const [qbo = ''] = stack.qbo.admin.seedItems(tenant.realmId, { count: 1, namePrefix: 'Valve', qtyOnHand: 20 });
  await stack.link(tenant);
  const link = (await stack.ctx.store.links.list(tenant.id)).find((l) => l.accountingItemId === qbo);
  assert.ok(link);
  item = { qbo, zuper: link.fieldItemId };
  secret = (await storedCredentials(stack.ctx.store).loadZuper(tenant.id)).webhookSecret;
});
after(() => stack.close());

const zuperApi = async (method: string, path: string, body: unknown) => {
  const response = await fetch(`${stack.zuper.baseUrl}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.zuper.api_key },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
};
const move = (kind: 'inward' | 'outward', quantity: number) =>
  zuperApi('POST', `/product/${item.zuper}/${kind}`, {
    transaction: { product_uid: item.zuper, location_uid: tenant.w1, quantity },
  });
const qboReaches = (qty: number) =>
  until(`QBO QtyOnHand ${qty}`, () => (stack.qboQty(tenant, item.qbo) === qty ? true : undefined));
/** The bodies Zuper delivered to the service and had answered 200, from Zuper's webhook history. */
const deliveredRaw = async () => {
  const response = await fetch(`${stack.zuper.baseUrl}/api/service/notifications/webhook_history?count=500`, {
    headers: { 'x-api-key': tenant.zuper.api_key },
  });
  const rows = ((await response.json()) as { data: { request_body: string; response_status: number }[] }).data;
  return rows.filter((r) => r.response_status === 200).map((r) => r.request_body);
};
const delivered = async () => (await deliveredRaw()).map((b) => JSON.parse(b) as Record<string, unknown>);
const sentKeys = async () => (await delivered()).map((b) => String(b.event));

test('the service registered exactly the real keys it needs', async () => {
  const listed = await fetch(`${stack.zuper.baseUrl}/api/service/notifications/webhook?count=100`, {
    headers: { 'x-api-key': tenant.zuper.api_key },
  });
  const events = ((await listed.json()) as { data: { webhook_event: string }[] }).data.map((w) => w.webhook_event);
  assert.deepEqual(events.sort(), zuperSubscriptions.map((s) => s.event).sort());
});

test('inward, outward and transfer in Zuper reach QuickBooks through movement deliveries naming no product', async () => {
  await move('inward', 5);
  await qboReaches(25);
  await move('outward', 2);
  await qboReaches(23);
  await zuperApi('POST', `/product/${item.zuper}/transfer`, {
    transaction: { product_uid: item.zuper, from_location_uid: tenant.w1, to_location_uid: tenant.w2, quantity: 1 },
  });
  await stack.zuper.admin.waitForWebhooksIdle();
  for (const key of ['product.transcation_inward', 'product.transcation_outward', 'product.transcation_transfer']) {
    assert.ok((await sentKeys()).includes(key), `${key} was delivered and accepted`);
  }
  const bodies = await delivered();
  assert.ok(bodies.filter((b) => String(b.event).startsWith('product.transcation')).every((b) => !b.product_uid));
  await qboReaches(23);
  assert.equal(stack.zuperQty(tenant, item.zuper), 23);
});

test('a consumption on a Zuper invoice reaches QuickBooks (invoice.new and product.consumption)', async () => {
  await stack.consumeInZuper(tenant, item.zuper, 3);
  await qboReaches(20);
  await stack.zuper.admin.waitForWebhooksIdle();
  const keys = await sentKeys();
  assert.ok(keys.includes('product.consumption'));
  assert.ok(keys.includes('invoice.new'));
});

test('product.update_stock and the invoice keys, posted exactly as recorded, are accepted and settle', async () => {
  // A stock change Zuper made without a movement call; the recorded body names the product.
  for (const [event, record] of [
    ['product.update_stock', { product_uid: item.zuper }],
    ['product.update', { product_uid: item.zuper }],
  ] as const) {
    const answer = await stack.postZuper(tenant.id, JSON.stringify(recordedZuperBody(event, record)), secret);
    assert.deepEqual(answer, { status: 200, body: { accepted: 1, duplicates: 0, ignored: 0 } }, event);
  }
  const ignored = recordedZuperBody('invoice.payment', { invoice_uid: 'i-1' });
  assert.deepEqual(await stack.postZuper(tenant.id, JSON.stringify(ignored), secret), {
    status: 200,
    body: { accepted: 0, duplicates: 0, ignored: 1 },
  });
  await qboReaches(20);
});

test('if consumption writes no movement rows (UNCONFIRMED), a consumption still reaches QuickBooks by the invoice keys', async () => {
  stack.zuper.admin.updateSettings({ consumption: { writesTransactions: false } });
  try {
    const before = stack.qboQty(tenant, item.qbo);
    await stack.consumeInZuper(tenant, item.zuper, 2);
    await qboReaches(before - 2);
    assert.equal(stack.zuperQty(tenant, item.zuper), before - 2);
  } finally {
    stack.zuper.admin.updateSettings({ consumption: { writesTransactions: true } });
  }
});

test('a burst of movements costs one movement-list read per intake batch, not one per delivery', async () => {
  const afterSeq = Math.max(0, ...stack.zuper.admin.requestLog().map((e) => e.seq));
  const listReads = () =>
    stack.zuper.admin
      .requestLog({ method: 'GET', pathIncludes: '/product/transaction', afterSeq })
      .filter((e) => !('product_uid' in e.query)).length;
  const seenBefore = new Set(await deliveredRaw());
  const before = stack.qboQty(tenant, item.qbo);
  await Promise.all([move('outward', 1), move('outward', 1), move('outward', 1)]);
  await qboReaches(before - 3);
  await stack.zuper.admin.waitForWebhooksIdle();
  const burst = (await deliveredRaw()).filter((body) => !seenBefore.has(body));
  assert.equal(burst.length, 3);
  const batches = new Set<string>();
  for (const body of burst) {
    const deliveryId = zuperDeliveryId(tenant.id, Buffer.from(body));
    const batch = await until('the batch of a delivery', () =>
      stack.ctx.store.webhookDeliveries.handedOffIn('zuper', deliveryId).then((b) => b ?? undefined),
    );
    batches.add(batch);
  }
  // A batch's read may come after the first batch already settled everything: wait for every batch to finish.
  for (const batch of batches) await stack.ctx.temporal.workflow.getHandle(batch).result();
  assert.equal(listReads(), batches.size);
});
