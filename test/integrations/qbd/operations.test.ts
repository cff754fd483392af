/**
 * The QuickBooks Desktop operations over an injected `send`, against the emulator's request processor: iterated
 * reads, a movement applied once however often it is sent, and an item change that survives a stale EditSequence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyMovementOnce,
  createItem,
  itemHoldingName,
  readAllItems,
  readChangesSince,
  readItem,
  updateItemDefinition,
  type QbxmlSend,
} from '../../../integrations/qbd/operations.js';
import { QbdNameError } from '../../../integrations/qbd/requests.js';
import { QbdStatusError } from '../../../integrations/qbd/responses.js';
import { emulatedCompany } from './support.js';

const adjustmentsAccount = { fullName: 'Inventory Adjustments' };

/** The company's send, except that the first answer to a `requestType` is lost after QuickBooks applied it. */
function losingFirstAnswerTo(company: ReturnType<typeof emulatedCompany>, requestType: string): QbxmlSend {
  let lost = false;
  return async (requestXml) => {
    const response = await company.send(requestXml);
    if (!lost && requestXml.includes(`<${requestType} `)) {
      lost = true;
      throw new Error('the Web Connector session ended before the answer came back');
    }
    return response;
  };
}

test('an iterator reads a catalog larger than MaxReturned completely', async () => {
  const company = emulatedCompany();
  const names = Array.from({ length: 23 }, (_, i) => `Part ${String(i).padStart(2, '0')}`);
  company.emu.admin.seedItems(names.map((fullName, i) => ({ fullName, quantityOnHand: i })));
  const items = await readAllItems(company.send, { maxReturned: 5 });
  assert.deepEqual(
    items.map((item) => item.name),
    names,
  );
  assert.deepEqual(
    items.map((item) => item.quantityOnHand),
    names.map((_, i) => i),
  );
  assert.equal(company.sent.length, 5);
  assert.match(company.sent[1] ?? '', /iterator="Continue" iteratorID="\{/);
});

test('an empty catalog is read as no items', async () => {
  assert.deepEqual(await readAllItems(emulatedCompany().send, { maxReturned: 5 }), []);
});

test('a movement applied twice lands once', async () => {
  const company = emulatedCompany();
  const [bolt] = company.emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 10 }]);
  const movement = {
    movementId: 'mva-0123456789abcdef',
    item: { listId: bolt?.listId ?? '' },
    quantityDifference: 4,
    account: adjustmentsAccount,
    reason: 'Returned from job',
  };
  const first = await applyMovementOnce(company.send, movement);
  const second = await applyMovementOnce(company.send, movement);
  assert.deepEqual(second, { txnId: first.txnId, alreadyApplied: true });
  assert.equal(first.alreadyApplied, false);
  assert.equal(company.emu.admin.quantityOnHand('Bolt'), 14);
  assert.equal(company.emu.admin.adjustments().length, 1);
});

test('a movement whose answer was lost is found, not written again, on retry', async () => {
  const company = emulatedCompany();
  const [bolt] = company.emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 10 }]);
  const lossy = losingFirstAnswerTo(company, 'InventoryAdjustmentAddRq');
  const movement = {
    movementId: 'mva-lostanswer000001',
    item: { listId: bolt?.listId ?? '' },
    quantityDifference: -3,
    account: adjustmentsAccount,
  };
  await assert.rejects(applyMovementOnce(lossy, movement), /session ended/);
  assert.equal(company.emu.admin.quantityOnHand('Bolt'), 7);
  const retried = await applyMovementOnce(lossy, movement);
  assert.equal(retried.alreadyApplied, true);
  assert.equal(company.emu.admin.quantityOnHand('Bolt'), 7);
});

test('movements sharing the 11-character RefNumber are told apart by their Memo', async () => {
  const company = emulatedCompany();
  const [bolt] = company.emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 0 }]);
  const base = { item: { listId: bolt?.listId ?? '' }, quantityDifference: 1, account: adjustmentsAccount };
  const a = await applyMovementOnce(company.send, { ...base, movementId: 'mva-samePrefixA' });
  const b = await applyMovementOnce(company.send, { ...base, movementId: 'mva-samePrefixB' });
  assert.notEqual(a.txnId, b.txnId);
  assert.equal(b.alreadyApplied, false);
  assert.equal(company.emu.admin.quantityOnHand('Bolt'), 2);
});

test('a record held by another user is a transient typed error, and the retry applies the movement once', async () => {
  const company = emulatedCompany();
  const [bolt] = company.emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 5 }]);
  company.emu.admin.failNextWrites(3175);
  const movement = {
    movementId: 'mva-heldbyanother001',
    item: { listId: bolt?.listId ?? '' },
    quantityDifference: 2,
    account: adjustmentsAccount,
  };
  await assert.rejects(
    applyMovementOnce(company.send, movement),
    (error) => error instanceof QbdStatusError && error.transient && error.reason === 'record-in-use',
  );
  assert.equal((await applyMovementOnce(company.send, movement)).alreadyApplied, false);
  assert.equal(company.emu.admin.quantityOnHand('Bolt'), 7);
});

test('an item change recovers from a stale EditSequence by reading the item again, once', async () => {
  const company = emulatedCompany();
  const [hinge] = company.emu.admin.seedItems([{ fullName: 'Hinge', salesPrice: 4 }]);
  const read = await readItem(company.send, hinge?.listId ?? '');
  assert.ok(read);
  // Someone edits the item in QuickBooks after the sync read it.
  company.emu.clock.advance(1000);
  const other = company.emu.admin.getItem('Hinge');
  company.emu.company.modifyItem(other.listId, other.editSequence, { salesDesc: 'Edited at the desk' });
  const updated = await updateItemDefinition(company.send, { ...read, type: 'ItemInventory' }, { name: 'Brass Hinge' });
  assert.equal(updated.name, 'Brass Hinge');
  assert.notEqual(updated.editSequence, read.editSequence);
  assert.equal(company.emu.admin.getItem('Brass Hinge').salesDesc, 'Edited at the desk');
  const modRequests = company.sent.filter((xml) => xml.includes('<ItemInventoryModRq'));
  assert.equal(modRequests.length, 2);
});

test('an item change gives up after a second stale EditSequence', async () => {
  const company = emulatedCompany();
  const [hinge] = company.emu.admin.seedItems([{ fullName: 'Hinge' }]);
  const stale = { id: hinge?.listId ?? '', type: 'ItemInventory' as const, editSequence: '1' };
  const racing: QbxmlSend = async (requestXml) => {
    // Another user saves the item between every read and write.
    if (requestXml.includes('<ItemInventoryModRq')) {
      const current = company.emu.admin.getItem('Hinge');
      company.emu.clock.advance(1000);
      company.emu.company.modifyItem(current.listId, current.editSequence, { salesDesc: 'again' });
    }
    return company.send(requestXml);
  };
  await assert.rejects(
    updateItemDefinition(racing, stale, { salesDesc: 'mine' }),
    (error) => error instanceof QbdStatusError && error.reason === 'stale-edit-sequence',
  );
});

const itemAccounts = {
  income: { fullName: 'Sales' },
  costOfGoodsSold: { fullName: 'Cost of Goods Sold' },
  asset: { fullName: 'Inventory Asset' },
};

test('an item create whose answer was lost finds the item it made when sent again, and makes no second one', async () => {
  const company = emulatedCompany();
  const lossy = losingFirstAnswerTo(company, 'ItemInventoryAddRq');
  const gasket = { type: 'ItemInventory' as const, name: 'Gasket', accounts: itemAccounts, quantityOnHand: 12 };
  await assert.rejects(createItem(lossy, gasket), /session ended/);
  const created = await createItem(lossy, gasket);
  assert.match(company.sent.at(-1) ?? '', /<ItemQueryRq requestID="[^"]+"><FullName>Gasket<\/FullName>/);
  const gaskets = (await readAllItems(company.send)).filter((item) => item.name === 'Gasket');
  assert.deepEqual(
    gaskets.map((item) => [item.id, item.quantityOnHand]),
    [[created.id, 12]],
  );
});

test('a sub-item create whose answer was lost, its parent named by ListID, finds its item under the parent', async () => {
  const company = emulatedCompany();
  const [parts] = company.emu.admin.seedItems([{ fullName: 'Parts' }]);
  const lossy = losingFirstAnswerTo(company, 'ItemInventoryAddRq');
  const gasket = {
    type: 'ItemInventory' as const,
    name: 'Gasket',
    parent: { listId: parts!.listId },
    accounts: itemAccounts,
    quantityOnHand: 0,
  };
  await assert.rejects(createItem(lossy, gasket), /session ended/);
  assert.equal((await itemHoldingName(company.send, gasket))?.fullName, 'Parts:Gasket', "by its parent's full name");
  const created = await createItem(lossy, gasket);
  const gaskets = (await readAllItems(company.send)).filter((item) => item.name === 'Gasket');
  assert.deepEqual(
    gaskets.map((item) => [item.id, item.fullName]),
    [[created.id, 'Parts:Gasket']],
  );
  // Of another type, the holder is not the item.
  const service = {
    type: 'ItemService' as const,
    name: 'Gasket',
    parent: gasket.parent,
    account: { fullName: 'Sales' },
  };
  assert.equal(await itemHoldingName(company.send, service), null);
});

test('an item create whose name another type of item holds is refused with 3100', async () => {
  const company = emulatedCompany();
  company.emu.admin.seedItems([{ fullName: 'Labor', type: 'ItemService' }]);
  await assert.rejects(
    createItem(company.send, { type: 'ItemInventory', name: 'Labor', accounts: itemAccounts, quantityOnHand: 1 }),
    (error) => error instanceof QbdStatusError && error.reason === 'name-in-use',
  );
  const labor = (await readAllItems(company.send)).filter((item) => item.name === 'Labor');
  assert.deepEqual(
    labor.map((item) => item.type),
    ['ItemService'],
  );
});

test('a too-long name is refused before anything is sent', async () => {
  const company = emulatedCompany();
  const [hinge] = company.emu.admin.seedItems([{ fullName: 'Hinge' }]);
  await assert.rejects(
    updateItemDefinition(
      company.send,
      { id: hinge?.listId ?? '', type: 'ItemInventory', editSequence: hinge?.editSequence ?? '' },
      {
        name: 'x'.repeat(32),
      },
    ),
    QbdNameError,
  );
  assert.equal(company.sent.length, 0);
});

test('the changes since a cursor name the items each sale, adjustment and deletion moved, and nothing older', async () => {
  const company = emulatedCompany();
  const admin = company.emu.admin;
  admin.seedItems([
    { fullName: 'Bolt', quantityOnHand: 10 },
    { fullName: 'Nut', quantityOnHand: 5 },
    { fullName: 'Washer', quantityOnHand: 3 },
    { fullName: 'Old', quantityOnHand: 1 },
  ]);
  admin.sell({ lines: [{ item: 'Washer', quantity: 1 }] });
  admin.advanceClock(60_000);
  const since = company.emu.clock.now();
  const invoice = admin.sell({
    refNumber: 'INV-7',
    lines: [
      { item: 'Bolt', quantity: 2 },
      { item: 'Nut', quantity: 1 },
    ],
  });
  const receipt = admin.sell({ type: 'SalesReceipt', lines: [{ item: 'Nut', quantity: 1 }] });
  const counted = admin.adjust({ item: 'Washer', quantityDifference: 4, memo: 'Stock count' });
  const doomed = admin.adjust({ item: 'Bolt', quantityDifference: 1 });
  admin.deleteTxn(doomed.txnId);
  admin.deleteItem('Old');

  const changes = await readChangesSince(company.send, since);

  assert.deepEqual(
    changes.transactions.map((txn) => [
      txn.type,
      txn.txnId,
      txn.itemIds.map((id) => company.emu.company.items.get(id)?.name),
    ]),
    [
      ['InventoryAdjustment', counted.txnId, ['Washer']],
      ['Invoice', invoice.txnId, ['Bolt', 'Nut']],
      ['SalesReceipt', receipt.txnId, ['Nut']],
    ],
  );
  assert.equal(changes.transactions.find((txn) => txn.type === 'Invoice')?.refNumber, 'INV-7');
  assert.deepEqual(changes.items, [], 'a quantity change leaves the item unmodified');
  assert.deepEqual(
    changes.deletedItems.map((item) => item.fullName),
    ['Old'],
  );
  assert.deepEqual(
    changes.deletedTxns.map((txn) => [txn.type, txn.id]),
    [['InventoryAdjustment', doomed.txnId]],
  );
  assert.deepEqual(
    company.sent.map((request) => /<(\w+Rq) requestID/.exec(request)?.[1]),
    [
      'ItemQueryRq',
      'InventoryAdjustmentQueryRq',
      'InvoiceQueryRq',
      'SalesReceiptQueryRq',
      'ListDeletedQueryRq',
      'TxnDeletedQueryRq',
    ],
  );
  assert.deepEqual(
    company.sent.filter((request) => request.includes('iterator=')),
    [],
    'few changes are read without iterators, so the six reads may share a message',
  );
});

test('the changes since a cursor are read page by page, so many sales after a long absence are all found', async () => {
  const company = emulatedCompany();
  const admin = company.emu.admin;
  admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 100 }]);
  const since = company.emu.clock.now();
  const invoices = Array.from({ length: 7 }, () => admin.sell({ lines: [{ item: 'Bolt', quantity: 1 }] }));

  const changes = await readChangesSince(company.send, since, { items: 1000, transactions: 3 });

  assert.deepEqual(
    changes.transactions.map((txn) => txn.txnId),
    invoices.map((invoice) => invoice.txnId),
  );
  assert.equal(admin.quantityOnHand('Bolt'), 93);
  const invoiceQueries = company.sent.filter((request) => request.includes('<InvoiceQueryRq '));
  assert.deepEqual(
    invoiceQueries.map((request) => /iterator="(\w+)"/.exec(request)?.[1]),
    [undefined, 'Start', 'Continue', 'Continue'],
    'a first look that comes back full is read again page by page',
  );
  assert.match(invoiceQueries[0] ?? '', /<MaxReturned>3<\/MaxReturned><ModifiedDateRangeFilter>/);
  assert.match(invoiceQueries[1] ?? '', /<MaxReturned>3<\/MaxReturned><ModifiedDateRangeFilter>/);
});
