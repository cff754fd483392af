import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { createZuperProduct, linkNow, qboItem, syncItemNow, zuperCategoryUid } from '../support/catalog-helpers.js';

describe('catalog sync with Zuper as product master', () => {
  let stack: SyncStack;
  const uids = { product: '', parts: '', service: '', bundle: '' };

  before(async () => {
    stack = await startSyncStack({ master: 'zuper' });
    const category = zuperCategoryUid(stack);
    const at = (quantity: number) => [
      { location: stack.locations.main, quantity },
      { location: stack.locations.van, quantity: 1 },
    ];
    uids.product = await createZuperProduct(stack, {
      product_name: 'Thermostat: Smart',
      product_id: 'TH-1',
      product_type: 'PRODUCT',
      product_category: category,
      track_quantity: true,
      price: 120,
      purchase_price: 80,
      location_availability: at(4),
    });
    uids.parts = await createZuperProduct(stack, {
      product_name: 'Zip ties',
      product_type: 'PARTS',
      product_category: category,
      track_quantity: false,
      price: 2,
    });
    uids.service = await createZuperProduct(stack, {
      product_name: 'Boiler service',
      product_type: 'SERVICE',
      product_category: category,
      track_quantity: false,
      price: 150,
    });
    uids.bundle = await createZuperProduct(stack, {
      product_name: 'Install kit',
      product_type: 'BUNDLE',
      product_category: category,
      track_quantity: false,
    });
  });
  after(() => stack.stop());

  it('links and creates in QBO with the type mapping and the standard accounts; reports the bundle', async () => {
    const dry = await linkNow(stack, true);
    assert.deepEqual(dry.summary, { keep: 0, link: 0, create: 3, skip: 1, quantityChanges: 0 });
    const real = await linkNow(stack, false);
    assert.deepEqual(real.summary, dry.summary);
    const links = new Map((await stack.store.links.list(stack.connectionId)).map((l) => [l.fieldItemId, l]));
    const inventory = qboItem(stack, links.get(uids.product)!.accountingItemId);
    assert.equal(inventory.Type, 'Inventory');
    assert.equal(inventory.Name, 'Thermostat- Smart', 'colons are not allowed in QBO names');
    assert.equal(inventory.QtyOnHand, 5, 'QBO holds the sum of the Zuper locations');
    assert.equal(inventory.AssetAccountRef?.value, '81');
    assert.equal(qboItem(stack, links.get(uids.parts)!.accountingItemId).Type, 'NonInventory');
    assert.equal(qboItem(stack, links.get(uids.service)!.accountingItemId).Type, 'Service');
    assert.equal(links.has(uids.bundle), false);
    const plan = await stack.store.linkPlans.range<{ action: string; id?: string; reason?: string }>(
      real.reportId,
      0,
      100,
    );
    const skipped = plan.find((a) => a.id === uids.bundle);
    assert.match(skipped?.reason ?? '', /bundles cannot be created in QuickBooks/);
  });

  it('propagates a rename and a price change from Zuper to QBO, and inactivation', async () => {
    const link = (await stack.store.links.getByFieldItem(stack.connectionId, uids.product))!;
    const zuper = await stack.deps.clients.zuper(stack.connectionId);
    await zuper.updateProduct(uids.product, { name: 'Smart thermostat v2', price: 135 });
    await syncItemNow(stack, 'zuper', uids.product);
    const item = qboItem(stack, link.accountingItemId);
    assert.equal(item.Name, 'Smart thermostat v2');
    assert.equal(item.UnitPrice, 135);
    await zuper.updateProduct(uids.product, { isAvailable: false });
    await syncItemNow(stack, 'zuper', uids.product);
    assert.equal(qboItem(stack, link.accountingItemId).Active, false);
  });

  it('ends as needs attention with the fix when QBO refuses a duplicate name (6240)', async () => {
    stack.qbo.admin.act(stack.realmId, {
      entity: 'Item',
      operation: 'create',
      body: { Name: 'Flue pipe', Type: 'Service', IncomeAccountRef: { value: '1' } },
    });
    const uid = await createZuperProduct(stack, {
      product_name: 'Flue pipe',
      product_type: 'PRODUCT',
      product_category: zuperCategoryUid(stack),
      track_quantity: true,
    });
    // A name match links instead of creating; force the create path by syncing the single item.
    const result = await syncItemNow(stack, 'zuper', uid);
    assert.equal(result.status, 'failed');
    assert.equal(result.status === 'failed' && result.failure.status, 'needs_attention');
    const [entry] = await stack.store.history.list({
      connectionId: stack.connectionId,
      kind: 'item',
      fieldItemId: uid,
    });
    assert.equal(entry?.status, 'needs_attention');
    assert.equal(entry?.errorCode, 'qbo:6240');
    assert.match(entry?.explanation ?? '', /already/i);
    assert.ok(entry?.fix);
  });

  it('ends as needs attention when a Zuper category cannot be copied because QBO categories are off', async () => {
    stack.qbo.admin.updateCompany(stack.realmId, { itemCategoriesFeature: false });
    const [category] = stack.zuper.admin.seedCategories(stack.zuperCompany, [{ category_name: 'Boilers' }]) as [
      { category_uid: string },
    ];
    const uid = await createZuperProduct(stack, {
      product_name: 'Boiler pump',
      product_type: 'PARTS',
      product_category: category.category_uid,
      track_quantity: true,
    });
    const result = await syncItemNow(stack, 'zuper', uid);
    assert.equal(result.status, 'failed');
    const [entry] = await stack.store.history.list({
      connectionId: stack.connectionId,
      kind: 'item',
      fieldItemId: uid,
    });
    assert.equal(entry?.status, 'needs_attention');
    assert.match(entry?.explanation ?? '', /categories are turned off/);
    assert.match(entry?.fix ?? '', /Track inventory categories|categories/);
    stack.qbo.admin.updateCompany(stack.realmId, { itemCategoriesFeature: true });
    const retried = await syncItemNow(stack, 'zuper', uid);
    assert.equal(retried.status, 'synced', 'a failed sync succeeds once the cause is fixed');
    const link = await stack.store.links.getByFieldItem(stack.connectionId, uid);
    assert.ok(link);
    const item = qboItem(stack, link.accountingItemId);
    assert.ok(item.ParentRef, 'the item is placed in the copied category');
    // The category this sync created in QuickBooks comes back as a QBO Item change; it is no "item not copied".
    const categorySync = await syncItemNow(stack, 'qbo', item.ParentRef.value);
    assert.equal(categorySync.status, 'synced');
    assert.deepEqual(
      await stack.store.history.list({ connectionId: stack.connectionId, accountingItemId: item.ParentRef.value }),
      [],
    );
  });
});
