// The catalog half of the port (integrations/port.ts) on both emulators: what linking and reconciliation read, and
// what each whole-catalog read costs in calls.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createQboCatalogSide } from '../../integrations/qbo/catalog-side.js';
import { createZuperCatalogSide } from '../../integrations/zuper/catalog-side.js';
import type { CatalogPort } from '../../integrations/port.js';
import { standardAccounts, startEmulatorSetup, type EmulatorSetup } from './qbo/support/emulator.js';
import { startEmulatedZuper, type EmulatedZuper } from './zuper/emulator-harness.js';

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
    const port = createQboCatalogSide(qbo.client);
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
    const port = createQboCatalogSide(qbo.client);
    assert.equal((await port.readItem(ids.bolt!))?.entry.name, 'Bolt');
    assert.equal(await port.readItem('987654'), null);
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
    const port = createZuperCatalogSide(zuper.client);
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
    const port = createZuperCatalogSide(zuper.client);
    const from = zuper.lastSeq();
    const washer = await port.readItem(uids.kept!);
    assert.equal(washer?.entry.name, 'Washer');
    assert.equal(washer?.entry.categoryName, null);
    assert.equal(zuper.emu.admin.requestLog().filter((entry) => entry.seq > from).length, 1);
    assert.equal(await port.readItem(uids.deleted!), null);
  });
});
