import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { linkNow, qboItem, syncItemNow, zuperProduct } from '../support/catalog-helpers.js';

describe('catalog sync with QuickBooks as product master', () => {
  let stack: SyncStack;
  const ids = { inventory: '', nonInventory: '', service: '' };

  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    [ids.inventory] = stack.qbo.admin.seedItems(stack.realmId, { count: 1, namePrefix: 'Valve', qtyOnHand: 12 }) as [
      string,
    ];
    [ids.nonInventory] = stack.qbo.admin.seedItems(stack.realmId, {
      count: 1,
      type: 'NonInventory',
      namePrefix: 'Tape',
    }) as [string];
    [ids.service] = stack.qbo.admin.seedItems(stack.realmId, { count: 1, type: 'Service', namePrefix: 'Labour' }) as [
      string,
    ];
  });
  after(() => stack.stop());

  it('a dry run reports exactly what the real run then does, and writes nothing', async () => {
    const requestsBefore = stack.zuper.admin.requestLog({}).filter((e) => e.method !== 'GET').length;
    const dry = await linkNow(stack, true);
    assert.deepEqual(dry.summary, { keep: 0, link: 0, create: 3, skip: 0, quantityChanges: 0 });
    assert.equal(stack.zuper.admin.requestLog({}).filter((e) => e.method !== 'GET').length, requestsBefore);
    assert.equal((await stack.store.links.list(stack.connectionId)).length, 0);
    const real = await linkNow(stack, false);
    assert.deepEqual(real.summary, dry.summary);
    assert.deepEqual(real.failed, []);
    const planned = (reportId: number) => stack.store.linkPlans.range<{ action: string }>(reportId, 0, 100);
    const dryPlan = await planned(dry.reportId);
    assert.deepEqual(
      dryPlan.map((a) => a.action),
      ['create', 'create', 'create'],
    );
    assert.deepEqual(await planned(real.reportId), dryPlan);
  });

  it('copies every item type with the type mapping, default location, minimum and non-inventory quantity', async () => {
    const links = new Map((await stack.store.links.list(stack.connectionId)).map((l) => [l.accountingItemId, l]));
    const inventory = zuperProduct(stack, links.get(ids.inventory)!.fieldItemId);
    assert.equal(inventory.product_type, 'PRODUCT');
    assert.equal(inventory.track_quantity, true);
    assert.deepEqual(
      inventory.location_availability.map((l) => [l.location.location_uid, l.quantity, l.min_quantity]),
      [[stack.locations.main, 12, 2]],
    );
    const parts = zuperProduct(stack, links.get(ids.nonInventory)!.fieldItemId);
    assert.equal(parts.product_type, 'PARTS');
    assert.equal(parts.quantity, 5);
    assert.equal(zuperProduct(stack, links.get(ids.service)!.fieldItemId).product_type, 'SERVICE');
    assert.equal(links.get(ids.inventory)!.tracksQuantity, true);
    assert.equal(links.get(ids.inventory)!.baseQty, 12);
    assert.equal(links.get(ids.service)!.tracksQuantity, false);
  });

  it('propagates renames, price changes, inactivation and reactivation from QBO', async () => {
    const link = (await stack.store.links.get(stack.connectionId, ids.inventory))!;
    stack.qbo.admin.editItemAsOtherUser(stack.realmId, ids.inventory, {
      changes: { Name: 'Ball Valve 1/2', UnitPrice: 17.5 },
    });
    const renamed = await syncItemNow(stack, 'qbo', ids.inventory);
    assert.equal(renamed.status, 'synced');
    let product = zuperProduct(stack, link.fieldItemId);
    assert.equal(product.product_name, 'Ball Valve 1/2');
    assert.equal(product.price, 17.5);
    stack.qbo.admin.editItemAsOtherUser(stack.realmId, ids.inventory, { changes: { Active: false } });
    await syncItemNow(stack, 'qbo', ids.inventory);
    assert.equal(zuperProduct(stack, link.fieldItemId).is_available, false);
    stack.qbo.admin.editItemAsOtherUser(stack.realmId, ids.inventory, { changes: { Active: true } });
    await syncItemNow(stack, 'qbo', ids.inventory);
    product = zuperProduct(stack, link.fieldItemId);
    assert.equal(product.is_available, true);
    const history = await stack.store.history.list({
      connectionId: stack.connectionId,
      kind: 'item',
      accountingItemId: ids.inventory,
    });
    assert.ok(
      history.some((h) => h.summary.includes('name') && h.summary.includes('price')),
      JSON.stringify(history.map((h) => h.summary)),
    );
  });

  it('moves the Zuper product to the category the QBO item moves to, creating it on demand', async () => {
    const link = (await stack.store.links.get(stack.connectionId, ids.inventory))!;
    const category = stack.qbo.admin.act(stack.realmId, {
      entity: 'Item',
      operation: 'create',
      body: { Name: 'Valves', Type: 'Category' },
    }) as {
      Id?: string;
      Item?: { Id: string };
    };
    const categoryId = category.Item?.Id ?? category.Id!;
    stack.qbo.admin.editItemAsOtherUser(stack.realmId, ids.inventory, {
      changes: { SubItem: true, ParentRef: { value: categoryId } },
    });
    await syncItemNow(stack, 'qbo', ids.inventory);
    assert.equal(zuperProduct(stack, link.fieldItemId).product_category.category_name, 'Valves');
    assert.equal(
      await stack.store.categoryLinks.fieldFor(stack.connectionId, categoryId),
      zuperProduct(stack, link.fieldItemId).product_category.category_uid,
    );
    // QuickBooks also announces the category itself as an Item change: it is not an item to copy or report.
    const categorySync = await syncItemNow(stack, 'qbo', categoryId);
    assert.equal(categorySync.status, 'synced');
    assert.equal(await stack.store.links.get(stack.connectionId, categoryId), null);
    assert.deepEqual(
      await stack.store.history.list({ connectionId: stack.connectionId, accountingItemId: categoryId }),
      [],
    );
  });

  it('reports items created in Zuper (not the master) in the history instead of copying them', async () => {
    const before = (await stack.store.links.list(stack.connectionId)).length;
    const created = await stack.zuperApi('POST', '/product', {
      product: {
        product_name: 'Rogue part',
        product_type: 'PARTS',
        product_category: zuperProduct(stack, (await stack.store.links.list(stack.connectionId))[0]!.fieldItemId)
          .product_category.category_uid,
        track_quantity: true,
      },
    });
    const uid = (created.data as { product_uid: string }).product_uid;
    const result = await syncItemNow(stack, 'zuper', uid);
    assert.equal(result.status, 'synced');
    assert.equal((await stack.store.links.list(stack.connectionId)).length, before);
    const [entry] = await stack.store.history.list({ connectionId: stack.connectionId, fieldItemId: uid });
    assert.equal(entry?.status, 'needs_attention');
    assert.match(entry?.explanation ?? '', /not copied: new items are only copied from QuickBooks/);
    assert.match(entry?.fix ?? '', /Create the item in QuickBooks/);
    assert.equal(qboItem(stack, ids.inventory).Name, 'Ball Valve 1/2');
  });
});
