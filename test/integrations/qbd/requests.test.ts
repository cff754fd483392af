/**
 * Every qbXML request builder's output run through the QuickBooks Desktop emulator's request processor, which checks
 * the qbXML 13.0 element order, and its answer read by the response parsers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qbxmlRequestDocument } from '../../../integrations/qbd/qbxml.js';
import {
  accountsByFullName,
  inventoryAdjustmentAdd,
  inventoryAdjustmentsByMovement,
  inventorySiteQuery,
  itemInventoryAdd,
  itemMod,
  itemQuery,
  itemsByFullName,
  itemsByListId,
  listDeletedQuery,
  movementRefNumber,
  QbdNameError,
  stockTxnTypes,
  transactionsModifiedSince,
  txnDeletedQuery,
  untrackedItemAdd,
  type QbxmlRequest,
} from '../../../integrations/qbd/requests.js';
import {
  parseAccountsResponse,
  parseAdjustmentAddResponse,
  parseAdjustmentQueryResponse,
  parseInventorySiteResponse,
  parseItemWriteResponse,
  parseItemQueryResponse,
  parseListDeletedResponse,
  QbdStatusError,
} from '../../../integrations/qbd/responses.js';
import { schemaErrors, schemaValidationSkip } from '../../emulators/qbd/fixtures.js';
import { emulatedCompany } from './support.js';

const accounts = {
  income: { fullName: 'Sales' },
  costOfGoodsSold: { fullName: 'Cost of Goods Sold' },
  asset: { fullName: 'Inventory Asset' },
};
const adjustmentsAccount = { fullName: 'Inventory Adjustments' };
const income = { fullName: 'Sales' };

function documentOf(request: QbxmlRequest): string {
  return qbxmlRequestDocument({ requestId: '1', ...request, iterator: null, iteratorId: null });
}

async function sendOne(company: ReturnType<typeof emulatedCompany>, request: QbxmlRequest): Promise<string> {
  return company.send(documentOf(request));
}

test('items are read with their type, hierarchy, activity and quantity on hand', async () => {
  const company = emulatedCompany();
  const [widget] = company.emu.admin.seedItems([
    { fullName: 'Hardware:Widget & Co', quantityOnHand: 10 },
    { fullName: 'Install', type: 'ItemService' },
    { fullName: 'Old Part', quantityOnHand: 1, isActive: false },
  ]);
  const all = parseItemQueryResponse(await sendOne(company, itemQuery({ activeStatus: 'All' }))).records;
  // The parser groups Rets by element name, so items of different types are compared by name.
  all.sort((a, b) => a.fullName.localeCompare(b.fullName));
  assert.deepEqual(
    all.map((item) => [item.fullName, item.type, item.active, item.quantityOnHand]),
    [
      ['Hardware', 'ItemInventory', true, 0],
      ['Hardware:Widget & Co', 'ItemInventory', true, 10],
      ['Install', 'ItemService', true, null],
      ['Old Part', 'ItemInventory', false, 1],
    ],
  );
  const byId = parseItemQueryResponse(await sendOne(company, itemsByListId([widget?.listId ?? '']))).records;
  assert.equal(byId.length, 1);
  assert.deepEqual(
    { id: byId[0]?.id, name: byId[0]?.name, parentId: byId[0]?.parentId, editSequence: byId[0]?.editSequence },
    {
      id: widget?.listId,
      name: 'Widget & Co',
      parentId: all[0]?.id,
      editSequence: widget?.editSequence,
    },
  );
});

test('items modified since a cursor are the only ones read, and none answers an empty page', async () => {
  const company = emulatedCompany();
  company.emu.admin.seedItems([{ fullName: 'Bolt' }, { fullName: 'Nut' }]);
  company.emu.clock.advance(3_600_000);
  const cursor = company.emu.clock.now();
  assert.deepEqual(parseItemQueryResponse(await sendOne(company, itemQuery({ modifiedSince: cursor }))).records, []);
  const nut = company.emu.admin.getItem('Nut');
  await sendOne(company, itemMod('ItemInventory', nut.listId, nut.editSequence, { salesDesc: 'M6 nut' }));
  const changed = parseItemQueryResponse(await sendOne(company, itemQuery({ modifiedSince: cursor }))).records;
  assert.deepEqual(
    changed.map((item) => item.name),
    ['Nut'],
  );
});

test('an inventory item is added, and modified with its EditSequence; a stale one is a typed 3200', async () => {
  const company = emulatedCompany();
  company.emu.admin.seedItems([{ fullName: 'Hardware' }]);
  const added = parseItemWriteResponse(
    await sendOne(
      company,
      itemInventoryAdd({
        name: 'Hinge',
        parent: { fullName: 'Hardware' },
        salesDesc: 'Brass hinge',
        salesPrice: 4.5,
        purchaseCost: 2,
        accounts,
        quantityOnHand: 7,
      }),
    ),
    'ItemInventory',
    'Add',
  );
  assert.equal(added.fullName, 'Hardware:Hinge');
  assert.equal(added.quantityOnHand, 7);
  const modified = parseItemWriteResponse(
    await sendOne(
      company,
      itemMod('ItemInventory', added.id, added.editSequence, { name: 'Brass Hinge', isActive: false }),
    ),
    'ItemInventory',
    'Mod',
  );
  assert.equal(modified.fullName, 'Hardware:Brass Hinge');
  assert.equal(modified.active, false);
  const stale = await sendOne(company, itemMod('ItemInventory', added.id, added.editSequence, { name: 'Hinge' }));
  assert.throws(
    () => parseItemWriteResponse(stale, 'ItemInventory', 'Mod'),
    (error) => error instanceof QbdStatusError && error.reason === 'stale-edit-sequence' && error.code === 3200,
  );
  const clash = await sendOne(company, itemInventoryAdd({ name: 'hardware', accounts }));
  assert.throws(
    () => parseItemWriteResponse(clash, 'ItemInventory', 'Add'),
    (error) => error instanceof QbdStatusError && error.reason === 'name-in-use',
  );
  const gone = await sendOne(company, itemMod('ItemInventory', '80000099-1234567890', '1', { salesDesc: 'x' }));
  assert.throws(
    () => parseItemWriteResponse(gone, 'ItemInventory', 'Mod'),
    (error) => error instanceof QbdStatusError && error.reason === 'not-found',
  );
});

test('a name QuickBooks would refuse is refused before anything is built', () => {
  const long = 'A name of thirty-two characters!';
  assert.equal(long.length, 32);
  assert.throws(() => itemInventoryAdd({ name: long, accounts }), QbdNameError);
  assert.throws(() => itemInventoryAdd({ name: 'A:B', accounts }), QbdNameError);
  assert.throws(() => itemMod('ItemInventory', '1', '1', { name: long }), /31/);
  assert.throws(() => itemInventoryAdd({ name: 'Ok', parent: { fullName: `Top:${long}` }, accounts }), QbdNameError);
  assert.doesNotThrow(() => itemInventoryAdd({ name: long.slice(0, 31), accounts }));
});

test('an adjustment carries the movement in RefNumber and Memo, and is found again by it', async () => {
  const company = emulatedCompany();
  const [bolt] = company.emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 10 }]);
  const movementId = 'mva-AbCdEfGhIjKlMnOp';
  const query = inventoryAdjustmentsByMovement(movementId);
  assert.deepEqual(parseAdjustmentQueryResponse(await sendOne(company, query)), []);
  const added = parseAdjustmentAddResponse(
    await sendOne(
      company,
      inventoryAdjustmentAdd({
        movementId,
        item: { listId: bolt?.listId ?? '' },
        quantityDifference: -2.5,
        account: adjustmentsAccount,
        reason: 'Used on job 42',
      }),
    ),
  );
  assert.equal(added.refNumber, movementRefNumber(movementId));
  assert.equal(added.refNumber?.length, 11);
  assert.equal(added.memo, `Used on job 42 (${movementId})`);
  assert.equal(company.emu.admin.quantityOnHand('Bolt'), 7.5);
  const found = parseAdjustmentQueryResponse(await sendOne(company, query));
  assert.deepEqual(
    found.map((a) => a.txnId),
    [added.txnId],
  );
  // RefNumberCaseSensitive: an id differing only in case is another movement.
  assert.deepEqual(
    parseAdjustmentQueryResponse(await sendOne(company, inventoryAdjustmentsByMovement('mva-abcdefghijklmnop'))),
    [],
  );
});

test('deleted items and inventory sites are read', async () => {
  const company = emulatedCompany({ inventorySites: true });
  company.emu.admin.seedItems([{ fullName: 'Bolt' }, { fullName: 'Nut' }]);
  company.emu.admin.addSite('Main', true);
  company.emu.admin.addSite('Van 1');
  const since = company.emu.clock.now();
  company.emu.clock.advance(1000);
  company.emu.admin.deleteItem('Nut');
  const deleted = parseListDeletedResponse(await sendOne(company, listDeletedQuery(['ItemInventory'], since)));
  assert.deepEqual(
    deleted.map((r) => [r.type, r.fullName]),
    [['ItemInventory', 'Nut']],
  );
  const sites = parseInventorySiteResponse(await sendOne(company, inventorySiteQuery('ActiveOnly')));
  assert.deepEqual(
    sites.map((s) => [s.name, s.isDefault]),
    [
      ['Main', true],
      ['Van 1', false],
    ],
  );
});

test('sites are a typed error where multi-location inventory is off', async () => {
  const company = emulatedCompany();
  const answer = await sendOne(company, inventorySiteQuery());
  assert.throws(
    () => parseInventorySiteResponse(answer),
    (error) => error instanceof QbdStatusError && error.code === 3250 && error.reason === 'feature-not-enabled',
  );
});

test('every request document validates against the qbXML 13.0 schema', { skip: schemaValidationSkip }, () => {
  const requests = [
    itemQuery({ maxReturned: 50, activeStatus: 'All', modifiedSince: new Date('2026-03-02T10:00:00Z') }),
    itemsByListId(['80000001-1234567890']),
    itemInventoryAdd({ name: 'Hinge', parent: { fullName: 'Hardware' }, salesPrice: 1, accounts, quantityOnHand: 1 }),
    itemMod('ItemInventory', '80000001-1234567890', '1234567890', { name: 'Hinge', isActive: true, purchaseCost: 1 }),
    inventoryAdjustmentAdd({
      movementId: 'mva-x',
      item: { listId: '80000001-1234567890' },
      quantityDifference: 3,
      account: adjustmentsAccount,
      site: { fullName: 'Main' },
    }),
    inventoryAdjustmentsByMovement('mva-x'),
    listDeletedQuery(['ItemInventory', 'ItemService'], new Date('2026-03-02T10:00:00Z')),
    inventorySiteQuery('All'),
    inventorySiteQuery('ActiveOnly'),
    inventoryAdjustmentAdd({
      movementId: 'mva-y',
      item: { listId: '80000001-1234567890' },
      quantityDifference: -1,
      account: adjustmentsAccount,
      site: { listId: '80000002-1234567890' },
    }),
    itemsByFullName(['Hardware:Hinge']),
    untrackedItemAdd(
      'ItemNonInventory',
      { name: 'Tape', parent: { fullName: 'Supplies' }, salesDesc: 'd', salesPrice: 2 },
      income,
    ),
    untrackedItemAdd('ItemService', { name: 'Repair', isActive: true, salesPrice: 80 }, income),
    itemMod('ItemService', '80000001-1234567890', '1234567890', { name: 'Repair', salesDesc: 'x', salesPrice: 1 }),
    itemMod('ItemNonInventory', '80000001-1234567890', '1234567890', { isActive: false, parent: { listId: '1' } }),
    accountsByFullName(['Sales', 'Parts:Income']),
    ...stockTxnTypes.map((type) => transactionsModifiedSince(type, new Date('2026-03-02T10:00:00Z'), 500)),
    txnDeletedQuery(stockTxnTypes, new Date('2026-03-02T10:00:00Z')),
  ];
  for (const request of requests) {
    assert.equal(schemaErrors(documentOf(request)), undefined, request.requestType);
    // A query read through an iterator is sent with its state as attributes: the first page, then the next ones.
    if (request.iterate) {
      for (const [iterator, iteratorId] of [
        ['Start', null],
        ['Continue', '{e1b3b1a2-0000-4000-8000-000000000001}'],
      ] as const) {
        const document = qbxmlRequestDocument({ requestId: '1', ...request, iterator, iteratorId });
        assert.equal(schemaErrors(document), undefined, `${request.requestType} iterator=${iterator}`);
      }
    }
  }
});

test('non-inventory and service items are added through SalesOrPurchase, read back with their price, and modified', async () => {
  const company = emulatedCompany();
  const serviceAccount = company.emu.admin.addAccount('Service Income');
  company.emu.admin.seedItems([{ fullName: 'Supplies', type: 'ItemNonInventory' }]);
  const tape = parseItemWriteResponse(
    await sendOne(
      company,
      untrackedItemAdd(
        'ItemNonInventory',
        { name: 'Tape', parent: { fullName: 'Supplies' }, salesDesc: 'Duct tape', salesPrice: 3.25, purchaseCost: 1 },
        income,
      ),
    ),
    'ItemNonInventory',
    'Add',
  );
  const repair = parseItemWriteResponse(
    await sendOne(
      company,
      untrackedItemAdd('ItemService', { name: 'Repair', salesPrice: 80 }, { fullName: 'Service Income' }),
    ),
    'ItemService',
    'Add',
  );
  assert.deepEqual(
    [tape.fullName, tape.type, tape.salesDesc, tape.salesPrice, tape.purchaseCost, tape.quantityOnHand],
    ['Supplies:Tape', 'ItemNonInventory', 'Duct tape', 3.25, null, null],
  );
  assert.equal(company.emu.admin.getItem('Repair').accountListId, serviceAccount);
  const read = parseItemQueryResponse(await sendOne(company, itemsByListId([repair.id]))).records;
  assert.deepEqual(
    read.map((item) => [item.type, item.salesPrice]),
    [['ItemService', 80]],
  );
  const modified = parseItemWriteResponse(
    await sendOne(
      company,
      itemMod('ItemService', repair.id, repair.editSequence, { salesDesc: 'On site', salesPrice: 95 }),
    ),
    'ItemService',
    'Mod',
  );
  assert.deepEqual([modified.salesDesc, modified.salesPrice], ['On site', 95]);
  // A Mod of the wrong type names no item of that type: 3120.
  const wrongType = await sendOne(
    company,
    itemMod('ItemNonInventory', repair.id, modified.editSequence, { isActive: false }),
  );
  assert.throws(
    () => parseItemWriteResponse(wrongType, 'ItemNonInventory', 'Mod'),
    (error) => error instanceof QbdStatusError && error.reason === 'not-found',
  );
});

test('an item naming an account the company lacks, or a parent of another type, is refused as an invalid reference', async () => {
  const company = emulatedCompany();
  company.emu.admin.seedItems([{ fullName: 'Hardware', quantityOnHand: 0 }]);
  const noAccount = await sendOne(
    company,
    untrackedItemAdd('ItemService', { name: 'Repair' }, { fullName: 'Repairs' }),
  );
  assert.throws(
    () => parseItemWriteResponse(noAccount, 'ItemService', 'Add'),
    (error) => error instanceof QbdStatusError && error.code === 3140 && error.reason === 'invalid-reference',
  );
  const otherType = await sendOne(
    company,
    untrackedItemAdd('ItemService', { name: 'Fitting', parent: { fullName: 'Hardware' } }, income),
  );
  assert.throws(
    () => parseItemWriteResponse(otherType, 'ItemService', 'Add'),
    (error) => error instanceof QbdStatusError && error.code === 3140,
  );
  assert.deepEqual(
    parseAccountsResponse(await sendOne(company, accountsByFullName(['sales', 'Repairs', 'Inventory Asset']))),
    [
      { fullName: 'Sales', type: 'Income', active: true },
      { fullName: 'Inventory Asset', type: 'OtherCurrentAsset', active: true },
    ],
  );
});
