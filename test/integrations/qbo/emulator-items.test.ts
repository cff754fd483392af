import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { QboApiError } from '../../../integrations/qbo/errors.js';
import { qboInventoryAccounts } from '../../../integrations/qbo/accounts.js';
import { stripInactiveNameSuffix, type QboItemCreate } from '../../../integrations/qbo/items.js';
import { rejectionOf, standardAccounts, startEmulatorSetup, type EmulatorSetup } from './support/emulator.js';

let s: EmulatorSetup;
before(async () => {
  s = await startEmulatorSetup();
});
after(() => s.close());

let n = 0;
const rid = () => `req-items-${++n}`;
const inventory = (Name: string, extra: Partial<QboItemCreate> = {}): QboItemCreate => ({
  Name,
  Type: 'Inventory',
  TrackQtyOnHand: true,
  QtyOnHand: 10,
  InvStartDate: '2025-01-01',
  ...standardAccounts,
  ...extra,
});

void test('company info, categories switch and inventory preferences', async () => {
  assert.deepEqual(await s.client.getCompanyInfo(), {
    id: '1',
    companyName: 'Sandbox Company_US_1',
    country: 'US',
    itemCategoriesEnabled: true,
  });
  assert.deepEqual(await s.client.getPreferences(), {
    trackQuantityOnHand: true,
    forSales: true,
    forPurchase: true,
    quantityWithPriceAndRate: true,
  });
  s.emu.admin.updateCompany(s.realmId, { itemCategoriesFeature: false, trackQuantityOnHand: false });
  assert.equal((await s.client.getCompanyInfo()).itemCategoriesEnabled, false);
  assert.equal((await s.client.getPreferences()).trackQuantityOnHand, false);
  s.emu.admin.updateCompany(s.realmId, { itemCategoriesFeature: true, trackQuantityOnHand: true });
});

void test('accounts: list, and find by standard name and type', async () => {
  const all = await s.client.listAccounts();
  assert.ok(all.length >= 12);
  for (const [key, standard] of Object.entries(qboInventoryAccounts)) {
    const found = await s.client.findAccounts({ name: standard.name, accountType: standard.accountType });
    assert.equal(found.length, 1, key);
    assert.equal(found[0]?.AccountType, standard.accountType);
  }
  const cogs = await s.client.findAccounts({ accountType: 'Cost of Goods Sold' });
  assert.deepEqual(cogs.map((a) => a.Name).sort(), ['Cost of Goods Sold', 'Inventory Shrinkage']);
});

void test('create each item type, read it back by id, ids, SKU and name', async () => {
  const inv = await s.client.createItem(inventory("Joe's Widget", { Sku: 'JW-1', UnitPrice: 12.5 }), {
    requestId: rid(),
  });
  assert.equal(inv.Type, 'Inventory');
  assert.equal(inv.SyncToken, '0');
  assert.equal(inv.QtyOnHand, 10);
  assert.equal(inv.Active, true);
  const non = await s.client.createItem(
    { Name: 'Zip ties', Type: 'NonInventory', Sku: 'ZT', IncomeAccountRef: { value: '79' } },
    { requestId: rid() },
  );
  const service = await s.client.createItem(
    { Name: 'Labour', Type: 'Service', IncomeAccountRef: { value: '1' } },
    { requestId: rid() },
  );
  assert.deepEqual([non.Type, service.Type], ['NonInventory', 'Service']);

  assert.deepEqual(await s.client.getItem(inv.Id), inv);
  assert.equal(await s.client.getItem('999999'), null, '610 reads as null');
  const malformed = await rejectionOf(s.client.getItem('1.5'));
  assert.ok(malformed instanceof QboApiError, 'a malformed id is an error, never "gone"');
  assert.equal(malformed.code, '2030');
  assert.equal(malformed.element, 'Id');
  assert.equal(malformed.kind, 'validation');
  assert.equal(malformed.retryable, false);
  const byIds = await s.client.getItemsByIds([service.Id, inv.Id, '999999', inv.Id]);
  assert.deepEqual(byIds.map((i) => i.Id).sort(), [inv.Id, service.Id].sort());
  assert.deepEqual(
    (await s.client.findItemsBySku('JW-1')).map((i) => i.Id),
    [inv.Id],
  );
  assert.deepEqual(
    (await s.client.findItemsByName("joe's widget")).map((i) => i.Id),
    [inv.Id],
  );
  assert.deepEqual(await s.client.findItemsByName("Joe's"), []);
});

void test('sparse update changes only what is sent; inactive items stay findable, also when renamed', async () => {
  const item = await s.client.createItem(inventory('Valve', { Sku: 'V-1' }), { requestId: rid() });
  const updated = await s.client.updateItemSparse(
    { Id: item.Id, SyncToken: item.SyncToken, UnitPrice: 9.99, Description: 'brass' },
    { requestId: rid() },
  );
  assert.equal(updated.SyncToken, '1');
  assert.equal(updated.UnitPrice, 9.99);
  assert.equal(updated.Description, 'brass');
  assert.equal(updated.Sku, 'V-1', 'a sparse update keeps fields it does not send');

  const inactive = await s.client.updateItemSparse(
    { Id: item.Id, SyncToken: '1', Active: false },
    { requestId: rid() },
  );
  assert.equal(inactive.Active, false);
  assert.deepEqual(
    (await s.client.findItemsByName('Valve')).map((i) => [i.Id, i.Active]),
    [[item.Id, false]],
  );
  assert.deepEqual(
    (await s.client.findItemsBySku('V-1')).map((i) => i.Id),
    [item.Id],
  );

  s.emu.admin.updateSettings({ items: { deletedNameSuffix: true } });
  try {
    const other = await s.client.createItem(inventory('Gasket'), { requestId: rid() });
    const renamed = await s.client.updateItemSparse(
      { Id: other.Id, SyncToken: '0', Active: false },
      { requestId: rid() },
    );
    assert.match(renamed.Name, /^Gasket \(deleted(-\d+)?\)$/);
    assert.equal(stripInactiveNameSuffix(renamed.Name), 'Gasket');
    assert.deepEqual(
      (await s.client.findItemsByName('gasket')).map((i) => i.Id),
      [other.Id],
    );
  } finally {
    s.emu.admin.updateSettings({ items: { deletedNameSuffix: false } });
  }
});

void test('a duplicate name is 6240 duplicate-name with the catalogue explanation', async () => {
  await s.client.createItem(inventory('Hose'), { requestId: rid() });
  const error = await rejectionOf(s.client.createItem(inventory('HOSE'), { requestId: rid() }));
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'duplicate-name');
  assert.equal(error.code, '6240');
  assert.equal(error.httpStatus, 400);
  assert.equal(error.retryable, false);
  assert.equal(error.operation, 'POST item');
  assert.match(error.intuitTid ?? '', /^1-/);
  assert.match(error.explanation, /already exists in QuickBooks \(possibly inactive/);
});

void test('an edit by someone else makes our next write 5010 stale; a re-read fixes it', async () => {
  const item = await s.client.createItem(inventory('Nozzle'), { requestId: rid() });
  s.emu.admin.editItemAsOtherUser(s.realmId, item.Id, { changes: { Description: 'edited in QBO' } });
  const error = await rejectionOf(
    s.client.updateItemSparse({ Id: item.Id, SyncToken: item.SyncToken, UnitPrice: 3 }, { requestId: rid() }),
  );
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'stale');
  assert.equal(error.code, '5010');
  assert.equal(error.retryable, true);
  const fresh = await s.client.getItem(item.Id);
  assert.ok(fresh);
  const updated = await s.client.updateItemSparse(
    { Id: fresh.Id, SyncToken: fresh.SyncToken, UnitPrice: 3 },
    { requestId: rid() },
  );
  assert.deepEqual([updated.UnitPrice, updated.Description, updated.SyncToken], [3, 'edited in QBO', '2']);
});

void test('validation and reference failures map to their kinds', async () => {
  const missing = await rejectionOf(
    s.client.createItem({ Name: 'No account', Type: 'NonInventory' }, { requestId: rid() }),
  );
  assert.ok(missing instanceof QboApiError);
  assert.deepEqual([missing.kind, missing.code], ['validation', '2020']);
  assert.match(missing.explanation, /accounts/);

  const badRef = await rejectionOf(
    s.client.createItem(inventory('Bad asset', { AssetAccountRef: { value: '4242' } }), { requestId: rid() }),
  );
  assert.ok(badRef instanceof QboApiError);
  assert.equal(badRef.kind, 'invalid-reference');

  const tooLong = await rejectionOf(s.client.createItem(inventory('x'.repeat(101)), { requestId: rid() }));
  assert.ok(tooLong instanceof QboApiError);
  assert.deepEqual([tooLong.kind, tooLong.code], ['validation', '2050']);

  await assert.rejects(s.client.createItem(inventory('y'), { requestId: 'r'.repeat(51) }), /limit here is 50/);
});

void test('the same requestid creates the item once and replays the original answer', async () => {
  const requestId = rid();
  const first = await s.client.createItem(inventory('Replayed'), { requestId });
  const second = await s.client.createItem(inventory('Replayed'), { requestId });
  assert.deepEqual(second, first);
  assert.equal(await s.client.count('Item', [{ field: 'Name', op: '=', value: 'Replayed' }]), 1);
  const log = s.emu.admin
    .requestLog({ method: 'POST', pathIncludes: '/item' })
    .filter((e) => e.query.requestid === requestId);
  assert.equal(log.length, 2);
  assert.deepEqual(log[0]?.query, { minorversion: '75', requestid: requestId });
  assert.equal(log[0]?.headers.accept, 'application/json');
});

void test('categories: create, nest, place an item, list, delete; a deleted category reads as null', async () => {
  const tools = await s.client.createCategory({ Name: 'Tools' }, { requestId: rid() });
  assert.equal(tools.Type, 'Category');
  const hand = await s.client.createCategory({ Name: 'Hand tools', parentId: tools.Id }, { requestId: rid() });
  assert.equal(hand.FullyQualifiedName, 'Tools:Hand tools');
  assert.deepEqual(hand.ParentRef?.value, tools.Id);
  const hammer = await s.client.createItem(inventory('Hammer', { ParentRef: { value: hand.Id } }), {
    requestId: rid(),
  });
  assert.equal(hammer.FullyQualifiedName, 'Tools:Hand tools:Hammer');
  assert.equal(hammer.SubItem, true);

  const listed = await s.client.listCategories();
  assert.deepEqual(listed.map((c) => c.Name).sort(), ['Hand tools', 'Tools']);

  const inactivate = await rejectionOf(
    s.client.updateItemSparse({ Id: tools.Id, SyncToken: tools.SyncToken, Active: false }, { requestId: rid() }),
  );
  assert.ok(inactivate instanceof QboApiError);
  assert.equal(inactivate.kind, 'validation');

  const freshHand = await s.client.getItem(hand.Id);
  assert.ok(freshHand);
  const deleted = await s.client.deleteCategory(
    { Id: freshHand.Id, SyncToken: freshHand.SyncToken },
    { requestId: rid() },
  );
  assert.deepEqual([deleted.Id, deleted.status], [hand.Id, 'Deleted']);
  assert.equal(await s.client.getItem(hand.Id), null);
  assert.deepEqual(
    (await s.client.listCategories()).map((c) => c.Name),
    ['Tools'],
  );
});
