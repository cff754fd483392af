/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { faultCode, startHarness, type Harness } from './harness.js';
import { sellOnInvoice } from '../../../emulators/qbo/index.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const salesLine = (itemId: unknown, qty: number, price = 10) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: qty * price,
  SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: price },
});
const expenseLine = (itemId: unknown, qty: number, price = 4) => ({
  DetailType: 'ItemBasedExpenseLineDetail',
  Amount: qty * price,
  ItemBasedExpenseLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: price },
});

type LineBuilder = (itemId: unknown, qty: number) => Record<string, unknown>;
const forms: { entity: string; header: Record<string, unknown>; line: LineBuilder; delta: number }[] = [
  { entity: 'invoice', header: { CustomerRef: { value: '1' } }, line: salesLine, delta: -1 },
  { entity: 'salesreceipt', header: {}, line: salesLine, delta: -1 },
  { entity: 'creditmemo', header: { CustomerRef: { value: '1' } }, line: salesLine, delta: 1 },
  { entity: 'refundreceipt', header: { DepositToAccountRef: { value: '35' } }, line: salesLine, delta: 1 },
  { entity: 'bill', header: { VendorRef: { value: '30' } }, line: expenseLine, delta: 1 },
  { entity: 'purchase', header: { AccountRef: { value: '35' }, PaymentType: 'Cash' }, line: expenseLine, delta: 1 },
  { entity: 'vendorcredit', header: { VendorRef: { value: '30' } }, line: expenseLine, delta: -1 },
  { entity: 'purchaseorder', header: { VendorRef: { value: '30' } }, line: expenseLine, delta: 0 },
];

for (const form of forms) {
  test(`${form.entity}: create, update by difference and delete move QtyOnHand by ${form.delta} per unit`, async () => {
    const item = await h.inventoryItem(`Stock for ${form.entity}`, 20);
    const id = item.Id;
    const created = await h.post(form.entity, { ...form.header, Line: [form.line(id, 3)] });
    assert.equal(created.status, 200, created.text);
    assert.equal(await h.qtyOf(String(id)), 20 + form.delta * 3);
    const txn = Object.values(created.json as Record<string, { Id: string; SyncToken: string }>)[0];
    const updated = await h.post(form.entity, {
      ...form.header,
      Id: txn?.Id,
      SyncToken: txn?.SyncToken,
      Line: [form.line(id, 5)],
    });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(await h.qtyOf(String(id)), 20 + form.delta * 5);
    const deleted = await h.post(`${form.entity}?operation=delete`, { Id: txn?.Id, SyncToken: '1' });
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(await h.qtyOf(String(id)), 20);
    // The item itself did not change: only the transaction did (saleBumpsItem is off by default).
    assert.equal((await h.get(`item/${String(id)}`)).json.Item.SyncToken, '0');
  });
}

test('sellOnInvoice enters a one-line invoice at the unit price that lowers QtyOnHand', async () => {
  const itemId = String((await h.inventoryItem('Sold by the helper', 9)).Id);
  const invoiceId = sellOnInvoice(h.emu.admin, h.realmId, { itemId, qty: 2, unitPrice: 4 });
  assert.equal(await h.qtyOf(itemId), 7);
  assert.equal(h.emu.admin.getEntity(h.realmId, 'Invoice', invoiceId)?.TotalAmt, 8);
});

test('an invoice has a SubTotalLineDetail line, TotalAmt, Balance and an auto DocNumber; void zeroes it and restores stock', async () => {
  const item = await h.inventoryItem('Void me', 10);
  const service = (await h.post('item', { Name: 'Labour', Type: 'Service', IncomeAccountRef: { value: '1' } })).json
    .Item;
  const res = await h.post('invoice', {
    CustomerRef: { value: '2' },
    Line: [
      salesLine(item.Id, 2, 15),
      { DetailType: 'SalesItemLineDetail', Amount: 50, SalesItemLineDetail: { ItemRef: { value: service.Id } } },
    ],
    PrivateNote: 'rush',
  });
  const inv = res.json.Invoice;
  assert.equal(inv.TotalAmt, 80);
  assert.equal(inv.Balance, 80);
  assert.match(inv.DocNumber as string, /^\d+$/);
  assert.deepEqual(inv.CustomerRef, { value: '2', name: "Bill's Windsurf Shop" });
  assert.deepEqual(inv.Line.at(-1), { Amount: 80, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  assert.deepEqual(
    (inv.Line as { Id?: string; LineNum?: number }[]).slice(0, 2).map((l) => [l.Id, l.LineNum]),
    [
      ['1', 1],
      ['2', 2],
    ],
  );
  assert.equal(await h.qtyOf(String(item.Id)), 8);

  const voided = await h.post('invoice?operation=void', { Id: inv.Id, SyncToken: '0' });
  assert.equal(voided.status, 200);
  assert.equal(voided.json.Invoice.SyncToken, '1');
  assert.equal(voided.json.Invoice.TotalAmt, 0);
  assert.equal(voided.json.Invoice.Balance, 0);
  assert.equal(voided.json.Invoice.PrivateNote, 'Voided - rush');
  assert.equal(voided.json.Invoice.Line[0].SalesItemLineDetail.Qty, 0);
  assert.equal(await h.qtyOf(String(item.Id)), 10);
  // Voided invoices stay readable; deleted ones answer 610.
  assert.equal((await h.get(`invoice/${inv.Id as string}`)).status, 200);
});

test('a sales receipt is voided with operation=update&include=void', async () => {
  const item = await h.inventoryItem('Receipt void', 5);
  const sr = (await h.post('salesreceipt', { Line: [salesLine(item.Id, 5)] })).json.SalesReceipt;
  assert.equal(sr.Balance, 0);
  assert.equal(await h.qtyOf(String(item.Id)), 0);
  const voided = await h.post('salesreceipt?operation=update&include=void', {
    Id: sr.Id,
    SyncToken: '0',
    sparse: true,
  });
  assert.equal(voided.json.SalesReceipt.TotalAmt, 0);
  assert.equal(await h.qtyOf(String(item.Id)), 5);
});

test('stock can go negative; a credit-card credit returns stock; deleted transactions answer 610', async () => {
  const item = await h.inventoryItem('Oversold', 1);
  const inv = (await h.post('invoice', { CustomerRef: { value: '1' }, Line: [salesLine(item.Id, 4)] })).json.Invoice;
  assert.equal(await h.qtyOf(String(item.Id)), -3);
  await h.post('purchase', {
    AccountRef: { value: '41' },
    PaymentType: 'CreditCard',
    Credit: true,
    Line: [expenseLine(item.Id, 1)],
  });
  assert.equal(await h.qtyOf(String(item.Id)), -4);
  await h.post('invoice?operation=delete', { Id: inv.Id, SyncToken: '0' });
  assert.equal(faultCode(await h.get(`invoice/${inv.Id as string}`)), '610');
});

test('an inventory line without Qty gets 6520; Amount must match Qty × UnitPrice', async () => {
  const item = await h.inventoryItem('Needs qty', 3);
  const noQty = await h.post('invoice', {
    CustomerRef: { value: '1' },
    Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: item.Id } } }],
  });
  assert.equal(noQty.status, 400);
  assert.deepEqual(noQty.json.Fault.Error[0], {
    Message: 'Missing Inventory Item Quantity',
    Detail: 'Quantity required for inventory item',
    code: '6520',
    element: '',
  });
  const mismatch = await h.post('invoice', {
    CustomerRef: { value: '1' },
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: 11,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 },
      },
    ],
  });
  assert.equal(mismatch.status, 400);
  assert.equal(faultCode(mismatch), '6070');
  const noCustomer = await h.post('invoice', { Line: [salesLine(item.Id, 1)] });
  assert.equal(faultCode(noCustomer), '2020');
  const badCustomer = await h.post('invoice', { CustomerRef: { value: '999' }, Line: [salesLine(item.Id, 1)] });
  assert.equal(faultCode(badCustomer), '2500');
  assert.equal(await h.qtyOf(String(item.Id)), 3);
});

test('InventoryAdjustment applies QtyDiff or NewQty, updates by difference and delete reverses it', async () => {
  const a = await h.inventoryItem('Adjust A', 10);
  const b = await h.inventoryItem('Adjust B', 10);
  const res = await h.post('inventoryadjustment', {
    AdjustAccountRef: { value: '86' },
    TxnDate: '2025-07-01',
    Line: [
      { DetailType: 'ItemAdjustmentLineDetail', ItemAdjustmentLineDetail: { ItemRef: { value: a.Id }, QtyDiff: -2 } },
      { DetailType: 'ItemAdjustmentLineDetail', ItemAdjustmentLineDetail: { ItemRef: { value: b.Id }, NewQty: 25 } },
    ],
  });
  assert.equal(res.status, 200, res.text);
  const adj = res.json.InventoryAdjustment;
  assert.match(adj.DocNumber as string, /^\d+$/);
  assert.deepEqual(adj.AdjustAccountRef, { value: '86', name: 'Inventory Shrinkage' });
  assert.equal(adj.Line[0].Id, '1');
  assert.equal(await h.qtyOf(String(a.Id)), 8);
  assert.equal(await h.qtyOf(String(b.Id)), 25);

  await h.post('invoice', { CustomerRef: { value: '1' }, Line: [salesLine(b.Id, 5)] });
  assert.equal(await h.qtyOf(String(b.Id)), 20);
  const updated = await h.post('inventoryadjustment', {
    Id: adj.Id,
    SyncToken: '0',
    sparse: true,
    Line: [
      { DetailType: 'ItemAdjustmentLineDetail', ItemAdjustmentLineDetail: { ItemRef: { value: a.Id }, QtyDiff: 3 } },
    ],
  });
  assert.equal(updated.status, 200, updated.text);
  assert.equal(await h.qtyOf(String(a.Id)), 13);
  // b's adjustment (+15) is gone; the invoice's -5 stays.
  assert.equal(await h.qtyOf(String(b.Id)), 5);
  const deleted = await h.post('inventoryadjustment?operation=delete', { Id: adj.Id, SyncToken: '1' });
  assert.deepEqual(deleted.json.InventoryAdjustment, { status: 'Deleted', domain: 'QBO', Id: adj.Id });
  assert.equal(await h.qtyOf(String(a.Id)), 10);
  const dateChange = await h.post('inventoryadjustment', {
    AdjustAccountRef: { value: '86' },
    TxnDate: '2025-07-02',
    Line: [
      { DetailType: 'ItemAdjustmentLineDetail', ItemAdjustmentLineDetail: { ItemRef: { value: a.Id }, QtyDiff: 1 } },
    ],
  });
  const moved = await h.post('inventoryadjustment', {
    Id: dateChange.json.InventoryAdjustment.Id,
    SyncToken: '0',
    sparse: true,
    TxnDate: '2025-07-03',
  });
  assert.equal(faultCode(moved), '6000');
});

test('InventoryAdjustment rejects non-inventory items and missing quantities, and is refused outside the US', async () => {
  const service = (
    await h.post('item', { Name: 'Not stocked', Type: 'NonInventory', IncomeAccountRef: { value: '79' } })
  ).json.Item;
  const bad = await h.post('inventoryadjustment', {
    AdjustAccountRef: { value: '86' },
    Line: [
      {
        DetailType: 'ItemAdjustmentLineDetail',
        ItemAdjustmentLineDetail: { ItemRef: { value: service.Id }, QtyDiff: 1 },
      },
    ],
  });
  assert.equal(faultCode(bad), '6000');
  const item = await h.inventoryItem('IA missing qty', 1);
  const noQty = await h.post('inventoryadjustment', {
    AdjustAccountRef: { value: '86' },
    Line: [{ DetailType: 'ItemAdjustmentLineDetail', ItemAdjustmentLineDetail: { ItemRef: { value: item.Id } } }],
  });
  assert.equal(faultCode(noQty), '2020');

  h.emu.admin.updateCompany(h.realmId, { inventoryAdjustmentSupported: false, country: 'CA' });
  try {
    const refused = await h.post('inventoryadjustment', {
      AdjustAccountRef: { value: '86' },
      Line: [
        {
          DetailType: 'ItemAdjustmentLineDetail',
          ItemAdjustmentLineDetail: { ItemRef: { value: item.Id }, QtyDiff: 1 },
        },
      ],
    });
    assert.equal(refused.status, 400);
    assert.equal(faultCode(refused), '6000');
    assert.equal(await h.qtyOf(String(item.Id)), 1);
  } finally {
    h.emu.admin.updateCompany(h.realmId, { inventoryAdjustmentSupported: true, country: 'US' });
  }
});

test('with saleBumpsItem on, a sale also bumps the item SyncToken and LastUpdatedTime', async () => {
  const item = await h.inventoryItem('Bumped', 10);
  h.emu.admin.updateSettings({ inventory: { saleBumpsItem: true } });
  try {
    h.emu.admin.advanceClock({ ms: 2000 });
    await h.post('invoice', { CustomerRef: { value: '1' }, Line: [salesLine(item.Id, 1)] });
    const after = (await h.get(`item/${String(item.Id)}`)).json.Item;
    assert.equal(after.QtyOnHand, 9);
    assert.equal(after.SyncToken, '1');
    assert.notEqual(after.MetaData.LastUpdatedTime, (item.MetaData as { LastUpdatedTime: string }).LastUpdatedTime);
  } finally {
    h.emu.admin.updateSettings({ inventory: { saleBumpsItem: false } });
  }
});

test('decimal quantities return exactly to the start after apply and reverse', async () => {
  const item = await h.inventoryItem('Decimals', 0.3);
  const inv = (await h.post('invoice', { CustomerRef: { value: '1' }, Line: [salesLine(item.Id, 0.1, 10)] })).json
    .Invoice;
  assert.equal(await h.qtyOf(String(item.Id)), 0.2);
  await h.post('invoice?operation=delete', { Id: inv.Id, SyncToken: '0' });
  assert.equal(await h.qtyOf(String(item.Id)), 0.3);
});
