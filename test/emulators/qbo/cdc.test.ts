/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustStockInQbo } from '../../../emulators/qbo/index.js';
import { faultCode, startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const cdc = (entities: string, since: Date | string) =>
  h.get(
    `cdc?entities=${entities}&changedSince=${encodeURIComponent(typeof since === 'string' ? since : since.toISOString())}&minorversion=75`,
  );

test('CDC groups changes per entity in LastUpdatedTime order, full objects first, deletion stubs after', async () => {
  h.emu.admin.advanceClock({ ms: 60_000 });
  const since = h.emu.admin.now();
  const a = await h.inventoryItem('CDC A', 5);
  h.emu.admin.advanceClock({ ms: 1000 });
  const b = await h.inventoryItem('CDC B', 5);
  h.emu.admin.advanceClock({ ms: 1000 });
  await h.post('item', { Id: a.Id, SyncToken: '0', sparse: true, Active: false });
  const line = {
    DetailType: 'SalesItemLineDetail',
    Amount: 10,
    SalesItemLineDetail: { ItemRef: { value: b.Id }, Qty: 1, UnitPrice: 10 },
  };
  const deleted = (await h.post('invoice', { CustomerRef: { value: '1' }, Line: [line] })).json.Invoice;
  const kept = (await h.post('invoice', { CustomerRef: { value: '1' }, Line: [line] })).json.Invoice;
  h.emu.admin.advanceClock({ ms: 1000 });
  await h.post('invoice?operation=delete', { Id: deleted.Id, SyncToken: '0' });

  const res = await cdc('item,Invoice', since);
  assert.equal(res.status, 200);
  const groups = res.json.CDCResponse[0].QueryResponse as Record<string, unknown>[];
  assert.equal(groups.length, 2);
  const items = groups[0] as { Item: { Id: string; Active: boolean }[]; startPosition: number; maxResults: number };
  // B was changed after A's create but before A's inactivation, so B comes first.
  assert.deepEqual(
    items.Item.map((i) => [i.Id, i.Active]),
    [
      [b.Id, true],
      [a.Id, false],
    ],
  );
  assert.equal(items.startPosition, 1);
  assert.equal(items.maxResults, 2);
  const invoices = (groups[1] as { Invoice: Record<string, unknown>[] }).Invoice;
  assert.equal(invoices[0]?.Id, kept.Id);
  assert.equal(invoices[0]?.TotalAmt, 10);
  assert.deepEqual(Object.keys(invoices[1] ?? {}).sort(), ['Id', 'MetaData', 'domain', 'status']);
  assert.equal(invoices[1]?.status, 'Deleted');
  assert.equal(invoices[1]?.Id, deleted.Id);
  assert.match(
    (invoices[1]?.MetaData as { LastUpdatedTime: string }).LastUpdatedTime,
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/,
  );
});

test('no changes answer [{}] under QueryResponse', async () => {
  h.emu.admin.advanceClock({ ms: 60_000 });
  const res = await cdc('Item', h.emu.admin.now());
  assert.deepEqual(res.json.CDCResponse, [{ QueryResponse: [{}] }]);
});

test('changedSince older than 30 days is refused unless the window switch is off', async () => {
  const old = new Date(h.emu.admin.now().getTime() - 31 * 24 * 3600_000);
  const refused = await cdc('Item', old);
  assert.equal(refused.status, 400);
  assert.equal(faultCode(refused), '500');
  assert.match(refused.json.Fault.Error[0].Detail as string, /older than fixed days is not supported/);
  h.emu.admin.updateSettings({ cdc: { enforce30DayWindow: false } });
  try {
    const accepted = await cdc('Item', old);
    assert.equal(accepted.status, 200);
    assert.ok(accepted.json.CDCResponse[0].QueryResponse[0].Item.length >= 2);
  } finally {
    h.emu.admin.updateSettings({ cdc: { enforce30DayWindow: true } });
  }
});

test('at most 1000 objects in total, oldest first, without paging', async () => {
  const { realmId } = h.emu.admin.createRealm();
  const since = h.emu.admin.now();
  h.emu.admin.seedItems(realmId, { count: 1200, type: 'Service' });
  const token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId }).access_token;
  const res = await fetch(
    `${h.emu.baseUrl}/v3/company/${realmId}/cdc?entities=Item,Invoice&changedSince=${encodeURIComponent(since.toISOString())}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const body = (await res.json()) as {
    CDCResponse: { QueryResponse: { Item: { Id: string }[]; maxResults: number }[] }[];
  };
  const group = body.CDCResponse[0]?.QueryResponse[0];
  assert.equal(group?.Item.length, 1000);
  assert.equal(group?.maxResults, 1000);
  assert.equal(group?.Item[0]?.Id, '1');
  assert.equal(group?.Item[999]?.Id, '1000');
});

test('changes made 31 days ago drop out once the clock moves on', async () => {
  h.emu.admin.advanceClock({ ms: 31 * 24 * 3600_000 });
  h.token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId: h.realmId }).access_token;
  const res = await cdc('Item', new Date(h.emu.admin.now().getTime() - 29 * 24 * 3600_000));
  assert.deepEqual(res.json.CDCResponse, [{ QueryResponse: [{}] }]);
  const missing = await h.get('cdc?entities=Item');
  assert.equal(faultCode(missing), '2020');
});

test('an InventoryAdjustment entered by a QBO user is in CDC and in a query by LastUpdatedTime; CDC support is a switch', async () => {
  h.emu.admin.advanceClock({ ms: 60_000 });
  const since = h.emu.admin.now();
  const item = await h.inventoryItem('CDC adjusted', 5);
  const adjustmentId = adjustStockInQbo(h.emu.admin, h.realmId, {
    itemId: String(item.Id),
    qtyDiff: 5,
    userName: 'Warehouse Clerk',
  });
  assert.equal((await h.get(`item/${String(item.Id)}`)).json.Item.QtyOnHand, 10);
  const found = (await cdc('InventoryAdjustment', since)).json.CDCResponse[0].QueryResponse[0];
  assert.deepEqual(
    (found.InventoryAdjustment as { Id: string }[]).map((a) => a.Id),
    [adjustmentId],
  );
  // MetaData times have whole seconds, so the bound is the second the adjustment was made in.
  const stamp = since.toISOString().replace(/\.\d{3}Z$/, '-00:00');
  const queried = await h.query(
    `SELECT * FROM InventoryAdjustment WHERE MetaData.LastUpdatedTime >= '${stamp}' ORDERBY MetaData.LastUpdatedTime`,
  );
  assert.deepEqual(
    (queried.json.QueryResponse.InventoryAdjustment as { Id: string }[]).map((a) => a.Id),
    [adjustmentId],
  );
  h.emu.admin.updateSettings({ cdc: { inventoryAdjustment: false } });
  try {
    assert.deepEqual((await cdc('InventoryAdjustment', since)).json.CDCResponse[0].QueryResponse, [{}]);
  } finally {
    h.emu.admin.updateSettings({ cdc: { inventoryAdjustment: true } });
  }
});
