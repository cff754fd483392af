// The catalog half of the port (integrations/port.ts) on both emulators: what linking and reconciliation read, and
// what each whole-catalog read costs in calls.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createQboCatalogSide } from '../../integrations/qbo/catalog-side.js';
import { createZuperCatalogSide } from '../../integrations/zuper/catalog-side.js';
import { SideRefusal, type CatalogPort, type DefinitionOrigin, type NewItem } from '../../integrations/port.js';
import { standardAccounts, startEmulatorSetup, type EmulatorSetup } from './qbo/support/emulator.js';
import { startEmulatedZuper, type EmulatedZuper } from './zuper/emulator-harness.js';

const noAccounts = () => Promise.reject(new Error('reads resolve no accounts'));
const accounts = () => Promise.resolve({ incomeAccountId: '79', cogsAccountId: '80', assetAccountId: '81' });

const newInventoryItem = (name: string, categoryId: string | null, quantity: number): NewItem => ({
  kind: 'inventory',
  definition: {
    kind: 'inventory',
    name,
    sku: 'S-1',
    description: 'copied',
    price: 3,
    cost: 1,
    categoryId,
    active: true,
  },
  quantity,
});

/** When a retry's first attempt was scheduled: a minute ago. */
const retried = () => new Date(Date.now() - 60_000);

/** One item through `createItems`: its id, or the error it was refused with. */
async function createOne(port: CatalogPort, item: NewItem, origin: DefinitionOrigin, retriedSince: Date | null) {
  const [outcome] = await port.createItems([{ item, origin }], retriedSince);
  assert.ok(outcome, 'one outcome per item');
  if ('error' in outcome) throw outcome.error;
  return outcome.id;
}

/** The whole catalog with every count `progress` heard. */
async function readAll(port: CatalogPort) {
  const heard: number[] = [];
  const catalog = await port.readCatalog((count) => heard.push(count));
  return { catalog, heard };
}

describe('QuickBooks Online catalog side', () => {
  let qbo: EmulatorSetup;
  const ids: Record<string, string> = {};
  before(async () => {
    qbo = await startEmulatorSetup();
    let n = 0;
    const rid = () => `catalog-side-${++n}`;
    const parts = await qbo.client.createCategory({ Name: 'Parts' }, { requestId: rid() });
    ids.parts = parts.Id;
    const bolt = await qbo.client.createItem(
      {
        Name: 'Bolt',
        Sku: 'B-1',
        Type: 'Inventory',
        TrackQtyOnHand: true,
        QtyOnHand: 10.25,
        InvStartDate: '2025-01-01',
        UnitPrice: 2,
        ParentRef: { value: parts.Id },
        ...standardAccounts,
      },
      { requestId: rid() },
    );
    ids.bolt = bolt.Id;
    const labour = await qbo.client.createItem(
      { Name: 'Labour', Type: 'Service', IncomeAccountRef: standardAccounts.IncomeAccountRef },
      { requestId: rid() },
    );
    ids.labour = labour.Id;
  });
  after(() => qbo.close());

  it('reads every item but categories in one query, with category names from the item path', async () => {
    const port = createQboCatalogSide({ client: qbo.client, accounts: noAccounts });
    const before = qbo.emu.admin.requestLog().length;
    const { catalog, heard } = await readAll(port);
    assert.equal(qbo.emu.admin.requestLog().length - before, 1);
    assert.deepEqual([...catalog.keys()].sort(), [ids.bolt, ids.labour].sort());
    assert.deepEqual(heard, [2]);
    const bolt = catalog.get(ids.bolt!)!;
    assert.deepEqual(bolt.entry, {
      id: ids.bolt,
      name: 'Bolt',
      sku: 'B-1',
      categoryName: 'Parts',
      kind: { ok: true, kind: 'inventory' },
      active: true,
      quantity: 10.25,
    });
    assert.equal(bolt.onHand, 10.25);
    assert.equal(bolt.definition('inventory').categoryId, ids.parts);
    assert.equal(bolt.definition('inventory').price, 2);
    assert.equal(catalog.get(ids.labour!)!.entry.quantity, null);
  });

  it('reads one item, and null for one that does not exist', async () => {
    const port = createQboCatalogSide({ client: qbo.client, accounts: noAccounts });
    assert.equal((await port.readItem(ids.bolt!))?.entry.name, 'Bolt');
    assert.equal((await port.readItem(ids.parts!))?.category, true);
    assert.equal(await port.readItem('987654'), null);
  });

  it('creates an item once per origin, its category found by name, and refuses a name QuickBooks cannot hold', async () => {
    const port = createQboCatalogSide({ client: qbo.client, accounts });
    const origin = { systemLabel: 'Zuper', id: 'zp-1', key: 'conn:zp-1' };
    assert.equal(await port.ensureCategory('parts', origin), ids.parts);
    assert.equal(await port.ensureCategory(null, origin), null);
    const first = await createOne(port, newInventoryItem('Copied: pump', ids.parts!, 4), origin, null);
    const again = await createOne(port, newInventoryItem('Copied: pump', ids.parts!, 4), origin, retried());
    assert.equal(again, first);
    const created = qbo.emu.admin.getEntity(qbo.realmId, 'Item', first) as Record<string, unknown>;
    assert.equal(created.Name, 'Copied- pump');
    assert.equal(created.QtyOnHand, 4);
    assert.equal((created.ParentRef as { value: string }).value, ids.parts);
    const refusal = await createOne(
      port,
      newInventoryItem(' \t\n ', null, 0),
      { ...origin, key: 'conn:zp-2' },
      null,
    ).then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(refusal instanceof SideRefusal);
    assert.equal(refusal.code, 'invalid-name');
    assert.match(refusal.fix, /Rename the product in Zuper/);
  });

  it('refuses to copy a category while categories are turned off in the company', async () => {
    qbo.emu.admin.updateCompany(qbo.realmId, { itemCategoriesFeature: false });
    try {
      const port = createQboCatalogSide({ client: qbo.client, accounts });
      const refusal = await port.ensureCategory('Valves', { systemLabel: 'Zuper', id: 'zc-9', key: 'conn:zc-9' }).then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(refusal instanceof SideRefusal);
      assert.equal(refusal.code, 'categories-off');
      assert.match(refusal.explanation, /Zuper category "Valves"/);
    } finally {
      qbo.emu.admin.updateCompany(qbo.realmId, { itemCategoriesFeature: true });
    }
  });
});

describe('Zuper catalog side', () => {
  let zuper: EmulatedZuper;
  const uids: Record<string, string> = {};
  before(async () => {
    zuper = await startEmulatedZuper();
    uids.kept = await zuper.createPart('Washer', 7);
    uids.deleted = await zuper.createPart('Gasket', 3);
    await zuper.client.deleteProduct(uids.deleted);
  });
  after(() => zuper.close());

  it('reads the products that are not deleted, with category names from one list of categories', async () => {
    const port = createZuperCatalogSide({ client: zuper.client, defaultLocationUid: zuper.w1, minQuantity: 0 });
    const from = zuper.lastSeq();
    const { catalog } = await readAll(port);
    const calls = zuper.emu.admin.requestLog().filter((entry) => entry.seq > from);
    assert.equal(calls.filter((entry) => entry.path.includes('categor')).length, 1);
    assert.deepEqual([...catalog.keys()], [uids.kept]);
    const washer = catalog.get(uids.kept!)!;
    assert.equal(washer.entry.categoryName, 'Parts');
    assert.equal(washer.entry.quantity, 7);
    assert.equal(washer.onHand, 7);
    assert.equal(washer.definition('inventory').categoryId, zuper.category);
  });

  it('reads one product without naming its category, and null for a deleted one', async () => {
    const port = createZuperCatalogSide({ client: zuper.client, defaultLocationUid: zuper.w1, minQuantity: 0 });
    const from = zuper.lastSeq();
    const washer = await port.readItem(uids.kept!);
    assert.equal(washer?.entry.name, 'Washer');
    assert.equal(washer?.entry.categoryName, null);
    assert.equal(zuper.emu.admin.requestLog().filter((entry) => entry.seq > from).length, 1);
    assert.equal(await port.readItem(uids.deleted!), null);
  });

  it('creates a product once per origin, in the default category when it has none, stocked at the location', async () => {
    const port = createZuperCatalogSide({ client: zuper.client, defaultLocationUid: zuper.w1, minQuantity: 2 });
    const origin = { systemLabel: 'QuickBooks', id: '42', key: 'conn:42' };
    const first = await createOne(port, newInventoryItem('Valve', null, 6), origin, null);
    const again = await createOne(port, newInventoryItem('Valve', null, 6), origin, retried());
    assert.equal(again, first);
    const created = (await port.readItem(first))!;
    assert.equal(created.onHand, 6);
    const uncategorized = await port.ensureCategory(null, origin);
    assert.equal(created.definition('inventory').categoryId, uncategorized);
    assert.equal(await port.categoryName(uncategorized!), null, 'the default category stands for none');
    assert.equal(await port.categoryName(zuper.category), 'Parts');
    const products = [];
    for await (const product of zuper.client.iterateProducts({ keyword: 'Valve' })) products.push(product);
    assert.equal(products.length, 1);
    assert.equal(products[0]?.metaData['QB Product ID'], '42');
  });
});

describe('QuickBooks Online catalog side, a catalog of several batch requests', () => {
  let qbo: EmulatorSetup;
  before(async () => {
    qbo = await startEmulatorSetup();
    qbo.emu.admin.seedItems(qbo.realmId, { count: 5500, namePrefix: 'Batched' });
  });
  after(() => qbo.close());

  it('reads the count with the first page, then the other pages three to a batch request', async () => {
    const port = createQboCatalogSide({ client: qbo.client, accounts: noAccounts });
    const before = qbo.emu.admin.requestLog().at(-1)?.seq ?? 0;
    const { catalog, heard } = await readAll(port);
    const batches = qbo.emu.admin
      .requestLog({ afterSeq: before })
      .map((r) => (r.body as { BatchItemRequest: { bId: string }[] }).BatchItemRequest.map((op) => op.bId));
    assert.deepEqual(batches, [
      ['count', 'p0'],
      ['p1', 'p2', 'p3'],
      ['p4', 'p5'],
    ]);
    assert.equal(catalog.size, 5500);
    assert.deepEqual(heard, [1000, 2000, 3000, 4000, 5000, 5500]);
  });
});
