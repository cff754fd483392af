/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { faultCode, startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const gardenSupplies = {
  TrackQtyOnHand: true,
  Name: 'Garden Supplies',
  QtyOnHand: 10,
  IncomeAccountRef: { value: '79', name: 'Sales of Product Income' },
  AssetAccountRef: { value: '81', name: 'Inventory Asset' },
  InvStartDate: '2015-01-01',
  Type: 'Inventory',
  ExpenseAccountRef: { value: '80', name: 'Cost of Goods Sold' },
};

test("Intuit's Inventory create sample returns the documented shape with defaults", async () => {
  const res = await h.post('item?minorversion=75', gardenSupplies);
  assert.equal(res.status, 200);
  const item = res.json.Item;
  assert.match(item.Id as string, /^\d+$/);
  assert.equal(item.SyncToken, '0');
  assert.equal(item.domain, 'QBO');
  assert.equal(item.sparse, false);
  assert.equal(item.Active, true);
  assert.equal(item.UnitPrice, 0);
  assert.equal(item.PurchaseCost, 0);
  assert.equal(item.Taxable, false);
  assert.equal(item.FullyQualifiedName, 'Garden Supplies');
  assert.equal(item.QtyOnHand, 10);
  assert.equal(item.InvStartDate, '2015-01-01');
  assert.deepEqual(item.AssetAccountRef, { value: '81', name: 'Inventory Asset' });
  assert.match(item.MetaData.CreateTime as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/);
  assert.equal(item.MetaData.LastUpdatedTime, item.MetaData.CreateTime);
  const read = await h.get(`item/${item.Id as string}`);
  assert.deepEqual(read.json.Item, item);
});

test('a NonInventory item defaults TrackQtyOnHand to false; Service needs an account', async () => {
  const res = await h.post('item', { Name: 'Bolt pack', Type: 'NonInventory', IncomeAccountRef: { value: '79' } });
  assert.equal(res.status, 200);
  assert.equal(res.json.Item.TrackQtyOnHand, false);
  assert.equal(res.json.Item.IncomeAccountRef.name, 'Sales of Product Income');
  const noAccount = await h.post('item', { Name: 'Consulting', Type: 'Service' });
  assert.equal(noAccount.status, 400);
  assert.equal(faultCode(noAccount), '2020');
  assert.equal(
    noAccount.json.Fault.Error[0].Detail,
    'Required parameter ExpenseAccountRef or IncomeAccountRef is missing in the request',
  );
  assert.equal(noAccount.json.Fault.type, 'ValidationFault');
});

test('validation faults: duplicate name 6240, missing fields 2020, unknown property 2010, bad refs 2500, inactive refs 610', async () => {
  const dup = await h.post('item', { ...gardenSupplies, Name: 'GARDEN supplies' });
  assert.equal(dup.status, 400);
  assert.deepEqual(dup.json.Fault, {
    Error: [
      {
        Message: 'Duplicate Name Exists Error',
        Detail: 'The name supplied already exists. : null',
        code: '6240',
        element: '',
      },
    ],
    type: 'ValidationFault',
  });
  const { InvStartDate: _d, ...noStart } = gardenSupplies;
  const missing = await h.post('item', { ...noStart, Name: 'No start date' });
  assert.equal(faultCode(missing), '2020');
  assert.match(missing.json.Fault.Error[0].Detail as string, /InvStartDate/);
  const unknown = await h.post('item', { ...gardenSupplies, Name: 'Unknown prop', Colour: 'red' });
  assert.equal(unknown.status, 400);
  assert.equal(faultCode(unknown), '2010');
  assert.match(unknown.json.Fault.Error[0].Detail as string, /Colour/);
  const badRef = await h.post('item', { ...gardenSupplies, Name: 'Bad ref', AssetAccountRef: { value: '99999' } });
  assert.equal(faultCode(badRef), '2500');
  const wrongType = await h.post('item', { ...gardenSupplies, Name: 'Wrong type', AssetAccountRef: { value: '79' } });
  assert.equal(faultCode(wrongType), '6000');
  const noName = await h.post('item', { Type: 'Service', IncomeAccountRef: { value: '1' } });
  assert.equal(faultCode(noName), '2020');
  const longName = await h.post('item', { Name: 'x'.repeat(101), Type: 'Service', IncomeAccountRef: { value: '1' } });
  assert.equal(faultCode(longName), '2050');
  const colon = await h.post('item', { Name: 'a:b', Type: 'Service', IncomeAccountRef: { value: '1' } });
  assert.equal(faultCode(colon), '6000');
  const badType = await h.post('item', { Name: 'Typo', Type: 'Inventroy', IncomeAccountRef: { value: '1' } });
  assert.equal(faultCode(badType), '2170');
  const group = await h.post('item', { Name: 'Bundle', Type: 'Group' });
  assert.equal(faultCode(group), '6000');

  const vendorItem = await h.post('item', { Name: 'Ref target', Type: 'Service', IncomeAccountRef: { value: '1' } });
  const inactive = await h.post('item', { Id: vendorItem.json.Item.Id, SyncToken: '0', sparse: true, Active: false });
  assert.equal(inactive.json.Item.Active, false);
  const onInvoice = await h.post('invoice', {
    CustomerRef: { value: '1' },
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: 5,
        SalesItemLineDetail: { ItemRef: { value: vendorItem.json.Item.Id } },
      },
    ],
  });
  assert.equal(faultCode(onInvoice), '610');
});

test('sparse update touches only sent fields; SyncToken and LastUpdatedTime move on every write', async () => {
  const created = await h.post('item', {
    Name: 'Sparse target',
    Sku: 'SP-1',
    Description: 'keep me',
    Type: 'NonInventory',
    IncomeAccountRef: { value: '79' },
    ReorderPoint: 4,
  });
  const id = created.json.Item.Id as string;
  h.emu.admin.advanceClock({ ms: 5000 });
  const updated = await h.post('item', { Id: id, SyncToken: '0', sparse: true, UnitPrice: 12.5, ReorderPoint: null });
  assert.equal(updated.status, 200);
  assert.equal(updated.json.Item.SyncToken, '1');
  assert.equal(updated.json.Item.UnitPrice, 12.5);
  assert.equal(updated.json.Item.Sku, 'SP-1');
  assert.equal(updated.json.Item.Description, 'keep me');
  // ReorderPoint cannot be nulled by a sparse update.
  assert.equal(updated.json.Item.ReorderPoint, 4);
  assert.ok(
    Date.parse(updated.json.Item.MetaData.LastUpdatedTime as string) >
      Date.parse(created.json.Item.MetaData.LastUpdatedTime as string),
  );
  assert.equal(updated.json.Item.MetaData.CreateTime, created.json.Item.MetaData.CreateTime);
});

test('full update resets omitted writable fields', async () => {
  const created = await h.post('item', {
    Name: 'Full target',
    Sku: 'FU-1',
    Description: 'gone soon',
    UnitPrice: 7,
    Type: 'NonInventory',
    IncomeAccountRef: { value: '79' },
    ReorderPoint: 2,
  });
  const id = created.json.Item.Id as string;
  const updated = await h.post('item', {
    Id: id,
    SyncToken: '0',
    Name: 'Full target',
    Type: 'NonInventory',
    IncomeAccountRef: { value: '79' },
  });
  assert.equal(updated.status, 200);
  assert.equal(updated.json.Item.Sku, undefined);
  assert.equal(updated.json.Item.Description, undefined);
  assert.equal(updated.json.Item.ReorderPoint, undefined);
  assert.equal(updated.json.Item.UnitPrice, 0);
  assert.equal(updated.json.Item.SyncToken, '1');
});

test('a stale or missing SyncToken gets 5010 after another user edited the item', async () => {
  const item = await h.inventoryItem('Contested', 3);
  const id = item.Id as string;
  const edited = h.emu.admin.editItemAsOtherUser(h.realmId, id, { changes: { UnitPrice: 99 }, userName: 'Jane Doe' });
  assert.equal(edited.SyncToken, '1');
  const stale = await h.post('item', { Id: id, SyncToken: '0', sparse: true, Sku: 'MINE' });
  assert.equal(stale.status, 400);
  assert.deepEqual(stale.json.Fault.Error[0], {
    Message: 'Stale Object Error',
    Detail:
      'Stale Object Error : You and Jane Doe were working on this at the same time. Jane Doe finished before you did, so your work was not saved.',
    code: '5010',
    element: '',
  });
  const missing = await h.post('item', { Id: id, sparse: true, Sku: 'MINE' });
  assert.equal(faultCode(missing), '5010');
  const fresh = await h.post('item', { Id: id, SyncToken: '1', sparse: true, Sku: 'MINE' });
  assert.equal(fresh.json.Item.SyncToken, '2');
  assert.equal(fresh.json.Item.UnitPrice, 99);
  const unknown = await h.post('item', { Id: '987654', SyncToken: '0', sparse: true, Sku: 'x' });
  assert.equal(faultCode(unknown), '610');
  assert.equal((await h.get('item/987654')).status, 400);
});

test('TrackQtyOnHand cannot be turned off, and QtyOnHand on update sets the quantity', async () => {
  const item = await h.inventoryItem('One way', 8);
  const off = await h.post('item', { Id: item.Id, SyncToken: '0', sparse: true, TrackQtyOnHand: false });
  assert.equal(faultCode(off), '6000');
  const set = await h.post('item', {
    Id: item.Id,
    SyncToken: '0',
    sparse: true,
    QtyOnHand: 42,
    InvStartDate: '2025-06-01',
  });
  assert.equal(set.json.Item.QtyOnHand, 42);
  // On update InvStartDate is the adjustment date: reads keep the original start date.
  assert.equal(set.json.Item.InvStartDate, '2025-01-01');
});

test('categories: hierarchy, FullyQualifiedName/Level, no inactivation, depth limit, delete moves children up', async () => {
  const trees = (await h.post('item', { Name: 'Trees', Type: 'Category' })).json.Item;
  assert.deepEqual(Object.keys(trees as object).sort(), [
    'Active',
    'FullyQualifiedName',
    'Id',
    'MetaData',
    'Name',
    'SyncToken',
    'Type',
    'domain',
    'sparse',
  ]);
  const maple = (
    await h.post('item', { Name: 'Maple', Type: 'Category', SubItem: true, ParentRef: { value: trees.Id } })
  ).json.Item;
  assert.equal(maple.FullyQualifiedName, 'Trees:Maple');
  assert.equal(maple.Level, 1);
  assert.deepEqual(maple.ParentRef, { value: trees.Id, name: 'Trees' });
  const red = await h.inventoryItem('Red Maple', 4, { SubItem: true, ParentRef: { value: maple.Id } });
  assert.equal(red.FullyQualifiedName, 'Trees:Maple:Red Maple');
  assert.equal(red.Level, 2);

  const underItem = await h.post('item', {
    Name: 'Under item',
    Type: 'Service',
    IncomeAccountRef: { value: '1' },
    SubItem: true,
    ParentRef: { value: red.Id },
  });
  assert.equal(faultCode(underItem), '6000');
  const inactivate = await h.post('item', { Id: trees.Id, SyncToken: '0', sparse: true, Active: false });
  assert.equal(faultCode(inactivate), '6000');
  assert.match(inactivate.json.Fault.Error[0].Detail as string, /Operation=Delete/);

  let parent = maple;
  for (const name of ['L2', 'L3']) {
    parent = (await h.post('item', { Name: name, Type: 'Category', ParentRef: { value: parent.Id } })).json.Item;
  }
  assert.equal(parent.Level, 3);
  const tooDeep = await h.post('item', { Name: 'L4', Type: 'Category', ParentRef: { value: parent.Id } });
  assert.equal(faultCode(tooDeep), '6000');

  const renamed = await h.post('item', { Id: trees.Id, SyncToken: '0', Name: 'Woods', Type: 'Category' });
  assert.equal(renamed.json.Item.Name, 'Woods');
  // A full update of a category does not give it item-only defaults.
  assert.deepEqual(Object.keys(renamed.json.Item as object).sort(), Object.keys(trees as object).sort());
  assert.equal((await h.get(`item/${red.Id as string}`)).json.Item.FullyQualifiedName, 'Woods:Maple:Red Maple');

  const notCategory = await h.post('item?operation=delete', { Id: red.Id, SyncToken: '0' });
  assert.equal(faultCode(notCategory), '500');
  const deleted = await h.post('item?operation=delete', { Id: maple.Id, SyncToken: '0' });
  assert.deepEqual(deleted.json.Item, { status: 'Deleted', domain: 'QBO', Id: maple.Id });
  assert.equal((await h.get(`item/${maple.Id as string}`)).status, 400);
  const moved = (await h.get(`item/${red.Id as string}`)).json.Item;
  assert.equal(moved.FullyQualifiedName, 'Woods:Red Maple');
  assert.equal(moved.Level, 1);
  assert.equal(moved.SyncToken, '1');
});

test('categories need the ItemCategoriesFeature of the company', async () => {
  const { realmId } = h.emu.admin.createRealm({ itemCategoriesFeature: false });
  const token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId }).access_token;
  const res = await fetch(`${h.emu.baseUrl}/v3/company/${realmId}/item`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: 'Cat', Type: 'Category' }),
  });
  assert.equal(res.status, 400);
  const body = (await res.json()) as { Fault: { Error: { code: string }[] } };
  assert.equal(body.Fault.Error[0]?.code, '6000');
  const info = await fetch(`${h.emu.baseUrl}/v3/company/${realmId}/companyinfo/${realmId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const nv = ((await info.json()) as { CompanyInfo: { NameValue: { Name: string; Value: string }[] } }).CompanyInfo
    .NameValue;
  assert.deepEqual(
    nv.find((n) => n.Name === 'ItemCategoriesFeature'),
    { Name: 'ItemCategoriesFeature', Value: 'false' },
  );
});

test('inactivation hides the item from default queries; the "(deleted)" suffix is a switch', async () => {
  const item = await h.inventoryItem('Retired Widget', 1);
  const off = await h.post('item', { Id: item.Id, SyncToken: '0', sparse: true, Active: false });
  assert.equal(off.json.Item.Name, 'Retired Widget');
  assert.equal((await h.query("select * from Item where Name = 'Retired Widget'")).json.QueryResponse.Item, undefined);
  assert.equal(
    (await h.query("select * from Item where Name = 'Retired Widget' and Active = false")).json.QueryResponse.Item
      .length,
    1,
  );
  assert.equal(
    (await h.query("select * from Item where Name = 'Retired Widget' and Active in (true, false)")).json.QueryResponse
      .Item.length,
    1,
  );
  // Inactive items keep their name reserved.
  assert.equal(
    faultCode(await h.post('item', { Name: 'Retired Widget', Type: 'Service', IncomeAccountRef: { value: '1' } })),
    '6240',
  );

  h.emu.admin.updateSettings({ items: { deletedNameSuffix: true } });
  try {
    const other = await h.inventoryItem('Suffixed Widget', 1);
    const gone = await h.post('item', { Id: other.Id, SyncToken: '0', sparse: true, Active: false });
    assert.equal(gone.json.Item.Name, 'Suffixed Widget (deleted)');
    assert.equal(gone.json.Item.FullyQualifiedName, 'Suffixed Widget (deleted)');
    const reused = await h.post('item', { Name: 'Suffixed Widget', Type: 'Service', IncomeAccountRef: { value: '1' } });
    assert.equal(reused.status, 200);
    const back = await h.post('item', { Id: other.Id, SyncToken: '1', sparse: true, Active: true });
    assert.equal(faultCode(back), '6240');
  } finally {
    h.emu.admin.updateSettings({ items: { deletedNameSuffix: false } });
  }
});
