import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { QboApiError } from '../../../integrations/qbo/errors.js';
import type { QboItem } from '../../../integrations/qbo/schemas/item.js';
import { rejectionOf, standardAccounts, startEmulatorSetup, type EmulatorSetup } from './support/emulator.js';

let s: EmulatorSetup;
before(async () => {
  s = await startEmulatorSetup();
});
after(() => s.close());

let n = 0;
const rid = () => `req-qty-${++n}`;
const shrinkage = '86';

async function stockItem(Name: string, QtyOnHand: number): Promise<QboItem> {
  return s.client.createItem(
    { Name, Type: 'Inventory', TrackQtyOnHand: true, QtyOnHand, InvStartDate: '2025-01-01', ...standardAccounts },
    { requestId: rid() },
  );
}

async function qtyOf(id: string): Promise<number | undefined> {
  return (await s.client.getItem(id))?.QtyOnHand;
}

const adjustment = (itemId: string, qtyDiff: number, docNumber: string) => ({
  itemId,
  qtyDiff,
  docNumber,
  privateNote: 'qzsync: Zuper invoice 77',
  adjustAccountId: shrinkage,
  txnDate: '2025-09-10',
});

void test('an inventory adjustment moves QtyOnHand by QtyDiff and is found again by its DocNumber', async () => {
  const item = await stockItem('Filter', 10);
  const created = await s.client.createInventoryAdjustment(adjustment(item.Id, -3, 'mvq-aaaaaaaaaaaaaaaa'), {
    requestId: 'mvq-aaaaaaaaaaaaaaaa',
  });
  assert.equal(created.DocNumber, 'mvq-aaaaaaaaaaaaaaaa');
  assert.equal(created.PrivateNote, 'qzsync: Zuper invoice 77');
  assert.equal(created.AdjustAccountRef?.value, shrinkage);
  assert.equal(await qtyOf(item.Id), 7);

  const found = await s.client.findInventoryAdjustmentsByDocNumber('mvq-aaaaaaaaaaaaaaaa');
  assert.deepEqual(
    found.map((a) => a.Id),
    [created.Id],
  );
  assert.deepEqual(await s.client.findInventoryAdjustmentsByDocNumber('mvq-nothing'), []);

  const summary = await s.client.getTransaction('InventoryAdjustment', created.Id);
  assert.deepEqual(summary, {
    entity: 'InventoryAdjustment',
    id: created.Id,
    syncToken: '0',
    docNumber: 'mvq-aaaaaaaaaaaaaaaa',
    txnDate: '2025-09-10',
    privateNote: 'qzsync: Zuper invoice 77',
    itemIds: [item.Id],
  });
});

void test('a retried adjustment with the same requestid is applied once', async () => {
  const item = await stockItem('Belt', 5);
  const first = await s.client.createInventoryAdjustment(adjustment(item.Id, 2, 'mvq-replay'), {
    requestId: 'mvq-replay',
  });
  const again = await s.client.createInventoryAdjustment(adjustment(item.Id, 2, 'mvq-replay'), {
    requestId: 'mvq-replay',
  });
  assert.deepEqual(again, first);
  assert.equal(await qtyOf(item.Id), 7);
  assert.equal((await s.client.findInventoryAdjustmentsByDocNumber('mvq-replay')).length, 1);
});

void test('a response lost after commit surfaces as network; the DocNumber lookup shows the write landed', async () => {
  const item = await stockItem('Pump', 20);
  s.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 1 } });
  let error: unknown;
  try {
    error = await rejectionOf(
      s.client.createInventoryAdjustment(adjustment(item.Id, -4, 'mvq-lost'), { requestId: 'mvq-lost' }),
    );
  } finally {
    s.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 0 } });
  }
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'network');
  assert.equal(error.retryable, true);
  assert.equal(error.httpStatus, undefined);

  const landed = await s.client.findInventoryAdjustmentsByDocNumber('mvq-lost');
  assert.equal(landed.length, 1, 'the write was committed although the answer was lost');
  assert.equal(await qtyOf(item.Id), 16);
  // Replaying with the same requestid returns the original adjustment instead of applying it again.
  const replay = await s.client.createInventoryAdjustment(adjustment(item.Id, -4, 'mvq-lost'), {
    requestId: 'mvq-lost',
  });
  assert.equal(replay.Id, landed[0]?.Id);
  assert.equal(await qtyOf(item.Id), 16);
});

void test('setQtyOnHand sets the absolute quantity through a sparse item update', async () => {
  const item = await stockItem('Gauge', 4);
  const updated = await s.client.setQtyOnHand(
    { Id: item.Id, SyncToken: item.SyncToken, QtyOnHand: -2.5, InvStartDate: '2025-09-10' },
    { requestId: rid() },
  );
  assert.equal(updated.QtyOnHand, -2.5);
  assert.equal(updated.SyncToken, '1');
  assert.equal(updated.InvStartDate, '2025-01-01', 'reads keep the original start date');
  await assert.rejects(
    s.client.setQtyOnHand(
      { Id: item.Id, SyncToken: '1', QtyOnHand: 1, InvStartDate: '10/09/2025' },
      { requestId: rid() },
    ),
    /YYYY-MM-DD/,
  );
});

void test('a company without InventoryAdjustment gets a validation error with QBO detail', async () => {
  const item = await stockItem('Not here', 1);
  s.emu.admin.updateCompany(s.realmId, { inventoryAdjustmentSupported: false });
  try {
    const error = await rejectionOf(
      s.client.createInventoryAdjustment(adjustment(item.Id, 1, 'mvq-nosupport'), { requestId: 'mvq-nosupport' }),
    );
    assert.ok(error instanceof QboApiError);
    assert.deepEqual([error.kind, error.code], ['validation', '6000']);
    assert.match(error.detail ?? '', /not supported/);
  } finally {
    s.emu.admin.updateCompany(s.realmId, { inventoryAdjustmentSupported: true });
  }
});

const salesLine = (itemId: string, qty: number) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: qty * 10,
  SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: 10 },
});
const expenseLine = (itemId: string, qty: number) => ({
  DetailType: 'ItemBasedExpenseLineDetail',
  Amount: qty * 4,
  ItemBasedExpenseLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: 4 },
});

void test('getTransaction returns the items each kind of transaction moves; deleted ones read as null', async () => {
  const a = await stockItem('Part A', 50);
  const b = await stockItem('Part B', 50);
  const service = await s.client.createItem(
    { Name: 'Call-out', Type: 'Service', IncomeAccountRef: { value: '1' } },
    { requestId: rid() },
  );
  const forms = [
    {
      entity: 'Invoice',
      body: { CustomerRef: { value: '1' }, Line: [salesLine(a.Id, 2), salesLine(service.Id, 1), salesLine(b.Id, 1)] },
    },
    { entity: 'SalesReceipt', body: { Line: [salesLine(b.Id, 1)] } },
    { entity: 'CreditMemo', body: { CustomerRef: { value: '1' }, Line: [salesLine(a.Id, 1)] } },
    { entity: 'RefundReceipt', body: { DepositToAccountRef: { value: '35' }, Line: [salesLine(a.Id, 1)] } },
    { entity: 'Bill', body: { VendorRef: { value: '30' }, Line: [expenseLine(a.Id, 3), expenseLine(b.Id, 3)] } },
    { entity: 'Purchase', body: { AccountRef: { value: '35' }, PaymentType: 'Cash', Line: [expenseLine(b.Id, 2)] } },
    { entity: 'VendorCredit', body: { VendorRef: { value: '30' }, Line: [expenseLine(a.Id, 1)] } },
  ] as const;
  const expected: Record<string, string[]> = {
    Invoice: [a.Id, service.Id, b.Id],
    SalesReceipt: [b.Id],
    CreditMemo: [a.Id],
    RefundReceipt: [a.Id],
    Bill: [a.Id, b.Id],
    Purchase: [b.Id],
    VendorCredit: [a.Id],
  };
  for (const form of forms) {
    const created = s.emu.admin.act(s.realmId, { entity: form.entity, operation: 'create', body: form.body });
    const id = String((created as { Id: string }).Id);
    const summary = await s.client.getTransaction(form.entity, id);
    assert.deepEqual(summary?.itemIds, expected[form.entity], form.entity);
    assert.equal(summary?.id, id);
    s.emu.admin.act(s.realmId, { entity: form.entity, operation: 'delete', body: { Id: id } });
    assert.equal(await s.client.getTransaction(form.entity, id), null, `${form.entity} deleted`);
  }
});

void test('cdc reports changed items live and deleted transactions as stubs', async () => {
  // changedSince goes out in whole seconds (rounded down), so leave more than a second after earlier writes.
  s.emu.admin.advanceClock({ ms: 2000 });
  const since = new Date(s.emu.admin.now().getTime() - 500);
  const item = await stockItem('CDC item', 3);
  const invoice = s.emu.admin.act(s.realmId, {
    entity: 'Invoice',
    operation: 'create',
    body: { CustomerRef: { value: '1' }, Line: [salesLine(item.Id, 1)] },
  }) as { Id: string };
  const kept = s.emu.admin.act(s.realmId, {
    entity: 'Invoice',
    operation: 'create',
    body: { CustomerRef: { value: '2' }, Line: [salesLine(item.Id, 1)] },
  }) as { Id: string };
  s.emu.admin.act(s.realmId, { entity: 'Invoice', operation: 'delete', body: { Id: invoice.Id } });

  const result = await s.client.cdc(['Item', 'Invoice', 'Bill'], since);
  assert.deepEqual(
    result.changes.Item.live.map((i) => [i.Id, i.QtyOnHand]),
    [[item.Id, 2]],
  );
  assert.deepEqual(
    result.changes.Invoice.live.map((i) => i.Id),
    [kept.Id],
  );
  assert.deepEqual(
    result.changes.Invoice.deleted.map((d) => [d.Id, d.status]),
    [[invoice.Id, 'Deleted']],
  );
  assert.deepEqual(result.changes.Bill, { live: [], deleted: [] });
  assert.equal(result.objectCount, 3);
  assert.equal(result.capped, false);

  const tooOld = await rejectionOf(s.client.cdc(['Item'], new Date(since.getTime() - 31 * 24 * 3600_000)));
  assert.ok(tooOld instanceof QboApiError);
  assert.equal(tooOld.retryable, false);
  assert.match(tooOld.detail ?? '', /older than fixed days/);
});
