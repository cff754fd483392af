/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { faultCode, startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('items run independently: bId echoed, per-item Fault with an overall 200, query operation', async () => {
  const item = await h.inventoryItem('Batch target', 10);
  const res = await h.post('batch?minorversion=75', {
    BatchItemRequest: [
      {
        bId: 'bid1',
        operation: 'create',
        Item: { Name: 'Batch widget', Type: 'NonInventory', IncomeAccountRef: { value: '79' } },
      },
      { bId: 'bid2', operation: 'update', Item: { Id: item.Id, SyncToken: '7', sparse: true, UnitPrice: 9.99 } },
      {
        bId: 'bid3',
        operation: 'create',
        Item: { Name: 'Batch target', Type: 'Service', IncomeAccountRef: { value: '1' } },
      },
      { bId: 'bid4', Query: "select * from Item where Name = 'Batch target'" },
      {
        bId: 'bid5',
        operation: 'create',
        Invoice: {
          CustomerRef: { value: '1' },
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: 20,
              SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 10 },
            },
          ],
        },
      },
      { bId: 'bid6', operation: 'update', Item: { Id: item.Id, SyncToken: '0', sparse: true, Sku: 'B-1' } },
    ],
  });
  assert.equal(res.status, 200);
  const r = res.json.BatchItemResponse as Record<string, unknown>[];
  assert.deepEqual(
    r.map((x) => x.bId),
    ['bid1', 'bid2', 'bid3', 'bid4', 'bid5', 'bid6'],
  );
  assert.equal((r[0]?.Item as { Name: string }).Name, 'Batch widget');
  assert.deepEqual(Object.keys(r[1] ?? {}).sort(), ['Fault', 'bId']);
  assert.equal((r[1]?.Fault as { type: string; Error: { code: string }[] }).Error[0]?.code, '5010');
  assert.equal((r[1]?.Fault as { type: string }).type, 'ValidationFault');
  assert.equal((r[2]?.Fault as { Error: { code: string }[] }).Error[0]?.code, '6240');
  assert.equal((r[3]?.QueryResponse as { Item: unknown[]; maxResults: number }).maxResults, 1);
  assert.equal((r[4]?.Invoice as { TotalAmt: number }).TotalAmt, 20);
  assert.equal((r[5]?.Item as { Sku: string; QtyOnHand: number }).Sku, 'B-1');
  assert.equal(await h.qtyOf(String(item.Id)), 8);
  assert.ok(res.json.time);
});

test('delete and void in a batch', async () => {
  const item = await h.inventoryItem('Batch void', 10);
  const line = {
    DetailType: 'SalesItemLineDetail',
    Amount: 10,
    SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 },
  };
  const a = (await h.post('invoice', { CustomerRef: { value: '1' }, Line: [line] })).json.Invoice;
  const b = (await h.post('invoice', { CustomerRef: { value: '1' }, Line: [line] })).json.Invoice;
  assert.equal(await h.qtyOf(String(item.Id)), 8);
  const res = await h.post('batch', {
    BatchItemRequest: [
      { bId: 'd', operation: 'delete', Invoice: { Id: a.Id, SyncToken: '0' } },
      { bId: 'v', operation: 'update', optionsData: 'void', Invoice: { Id: b.Id, SyncToken: '0' } },
    ],
  });
  assert.deepEqual(res.json.BatchItemResponse[0], {
    bId: 'd',
    Invoice: { status: 'Deleted', domain: 'QBO', Id: a.Id },
  });
  assert.equal(res.json.BatchItemResponse[1].Invoice.TotalAmt, 0);
  assert.equal(await h.qtyOf(String(item.Id)), 10);
});

test('more than 30 items (configurable) is a whole-request fault and nothing runs', async () => {
  const items = Array.from({ length: 31 }, (_, i) => ({
    bId: `b${i}`,
    operation: 'create',
    Item: { Name: `Too many ${i}`, Type: 'Service', IncomeAccountRef: { value: '1' } },
  }));
  const res = await h.post('batch', { BatchItemRequest: items });
  assert.equal(res.status, 400);
  assert.equal(faultCode(res), '6000');
  assert.deepEqual((await h.query("select count(*) from Item where Name like 'Too many%'")).json.QueryResponse, {
    totalCount: 0,
  });
  h.emu.admin.updateSettings({ batch: { maxItems: 10 } });
  try {
    const ten = await h.post('batch', { BatchItemRequest: items.slice(0, 11) });
    assert.equal(ten.status, 400);
    const ok = await h.post('batch', { BatchItemRequest: items.slice(0, 10) });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.BatchItemResponse.length, 10);
  } finally {
    h.emu.admin.updateSettings({ batch: { maxItems: 30 } });
  }
});

test('with requestid, requestid + bId longer than 50 characters fails that item', async () => {
  const rid = 'r'.repeat(36);
  const res = await h.post(`batch?requestid=${rid}`, {
    BatchItemRequest: [
      { bId: 'short', Query: 'select count(*) from Item' },
      { bId: 'waytoolongbid1234', Query: 'select count(*) from Item' },
    ],
  });
  assert.equal(res.status, 200);
  assert.ok(res.json.BatchItemResponse[0].QueryResponse);
  assert.equal(res.json.BatchItemResponse[1].Fault.Error[0].code, '6000');
  assert.match(res.json.BatchItemResponse[1].Fault.Error[0].Detail as string, /50 characters in the request_id field/);
});
