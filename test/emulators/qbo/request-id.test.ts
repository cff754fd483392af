/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { faultCode, startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const adjustment = (itemId: unknown, qtyDiff: number) => ({
  AdjustAccountRef: { value: '86' },
  Line: [
    {
      DetailType: 'ItemAdjustmentLineDetail',
      ItemAdjustmentLineDetail: { ItemRef: { value: itemId }, QtyDiff: qtyDiff },
    },
  ],
});

test('a repeated requestid returns the identical original response and applies once', async () => {
  const item = await h.inventoryItem('Idempotent', 10);
  const first = await h.post('inventoryadjustment?requestid=move-0001&minorversion=75', adjustment(item.Id, -3));
  h.emu.admin.advanceClock({ ms: 5000 });
  const second = await h.post('inventoryadjustment?requestid=move-0001&minorversion=75', adjustment(item.Id, -3));
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  assert.equal(second.text, first.text);
  assert.equal(await h.qtyOf(String(item.Id)), 7);
  const count = await h.query('select count(*) from InventoryAdjustment');
  assert.equal(count.json.QueryResponse.totalCount, 1);
});

test('a failed original is replayed as the same fault; requestids are per company', async () => {
  const bad = await h.post('item?requestid=dup-name', {
    Name: 'Idempotent',
    Type: 'Service',
    IncomeAccountRef: { value: '1' },
  });
  assert.equal(faultCode(bad), '6240');
  const again = await h.post('item?requestid=dup-name', {
    Name: 'Something new',
    Type: 'Service',
    IncomeAccountRef: { value: '1' },
  });
  assert.equal(again.text, bad.text);
  assert.equal(
    (await h.query("select count(*) from Item where Name = 'Something new'")).json.QueryResponse.totalCount,
    0,
  );

  const { realmId } = h.emu.admin.createRealm();
  const token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId }).access_token;
  const elsewhere = await fetch(`${h.emu.baseUrl}/v3/company/${realmId}/item?requestid=dup-name`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: 'Something new', Type: 'Service', IncomeAccountRef: { value: '1' } }),
  });
  assert.equal(elsewhere.status, 200);
});

test('requestid is limited to 50 characters, 36 on batch', async () => {
  const item = await h.inventoryItem('Length check', 1);
  const long = await h.post(`inventoryadjustment?requestid=${'x'.repeat(51)}`, adjustment(item.Id, 1));
  assert.equal(long.status, 400);
  assert.equal(faultCode(long), '6000');
  assert.match(long.json.Fault.Error[0].Detail as string, /50 characters in the request_id field/);
  assert.equal(await h.qtyOf(String(item.Id)), 1);
  const ok = await h.post(`inventoryadjustment?requestid=${'x'.repeat(50)}`, adjustment(item.Id, 1));
  assert.equal(ok.status, 200);
  const batchLong = await h.post(`batch?requestid=${'y'.repeat(37)}`, {
    BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }],
  });
  assert.equal(faultCode(batchLong), '6000');
  const batchOk = await h.post(`batch?requestid=${'y'.repeat(36)}`, {
    BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }],
  });
  assert.equal(batchOk.status, 200);
});

test('a batch with a repeated requestid is replayed as a whole', async () => {
  const item = await h.inventoryItem('Batch replay', 10);
  const body = { BatchItemRequest: [{ bId: 'a', operation: 'create', InventoryAdjustment: adjustment(item.Id, 2) }] };
  const first = await h.post('batch?requestid=batch-1', body);
  const second = await h.post('batch?requestid=batch-1', body);
  assert.equal(second.text, first.text);
  assert.equal(await h.qtyOf(String(item.Id)), 12);
});

test('the broken-dedupe switch processes a repeated requestid again', async () => {
  const item = await h.inventoryItem('Broken dedupe', 10);
  h.emu.admin.updateSettings({ requestId: { brokenDedupe: true } });
  try {
    await h.post('inventoryadjustment?requestid=again-1', adjustment(item.Id, -1));
    const second = await h.post('inventoryadjustment?requestid=again-1', adjustment(item.Id, -1));
    assert.equal(second.status, 200);
    assert.equal(await h.qtyOf(String(item.Id)), 8);
  } finally {
    h.emu.admin.updateSettings({ requestId: { brokenDedupe: false } });
  }
});
