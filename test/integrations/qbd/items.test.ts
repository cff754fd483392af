/**
 * QuickBooks Desktop items of every synced kind, both ways, end to end: the real Temporal server and worker, the
 * service's /qbwc endpoint polled by the QuickBooks Desktop emulator's Web Connector (a session every second), and the
 * Zuper emulator. What each side holds afterwards, the accounts QuickBooks Desktop received and the history are checked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { itemSyncWorkflowId } from '../../../client/workflow-ids.js';
import type { SettingsChange } from '../../../service/connection-settings.js';
import { configureConnection } from '../../../operator/configure-connection.js';
import { itemSyncWorkflow, type ItemSyncResult } from '../../../workflows/item-sync.js';
import { linkCatalogWorkflow, type LinkCatalogResult } from '../../../workflows/link-catalog.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';

let sequence = 0;

describe('QuickBooks Desktop service and non-inventory items through the Web Connector', () => {
  let stack: QbdSyncStack;

  before(async () => {
    stack = await startQbdSyncStack();
    stack.connector.start();
  });
  after(() => stack.stop());

  const linkNow = (): Promise<LinkCatalogResult> =>
    stack.temporal.workflow.execute(linkCatalogWorkflow, {
      workflowId: `link-${stack.connectionId}-${sequence++}`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, dryRun: false }],
    });

  const syncZuperProduct = (uid: string): Promise<ItemSyncResult> =>
    stack.temporal.workflow.execute(itemSyncWorkflow, {
      workflowId: `${itemSyncWorkflowId(stack.connectionId, 'field', uid)}:${sequence++}`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, system: 'zuper', id: uid, idleTimeoutMs: 10 }],
    });

  /** Syncs a Zuper product QuickBooks Desktop refuses: the sync fails with `code`, its history entry needs attention. */
  async function refusedSync(uid: string, code: string) {
    const result = await syncZuperProduct(uid);
    assert.equal(result.status === 'failed' && result.failure.code, code, JSON.stringify(result));
    const [entry] = await stack.store.history.list({
      connectionId: stack.connectionId,
      kind: 'item',
      fieldItemId: uid,
    });
    assert.equal(entry?.status, 'needs_attention');
    return entry;
  }

  async function configure(change: SettingsChange): Promise<void> {
    await configureConnection(stack.service.ctx, stack.connectionId, change);
  }

  const zuperCategory = (name: string) =>
    (stack.zuper.admin.seedCategories(stack.zuperCompany, [{ category_name: name }])[0] as { category_uid: string })
      .category_uid;

  const zuperProduct = (uid: string) =>
    stack.zuper.admin.product(stack.zuperCompany, uid) as { product_name: string; product_type: string; price: number };

  /** The link of a QuickBooks Desktop item, and the Zuper product it is linked to. */
  async function linkOf(listId: string) {
    const link = (await stack.store.links.list(stack.connectionId)).find((l) => l.accountingItemId === listId);
    assert.ok(link, `a link of ${listId}`);
    return { kind: link.itemKind, product: zuperProduct(link.fieldItemId) };
  }

  it('copies QuickBooks Desktop service and non-inventory items to Zuper as services and untracked parts', async () => {
    const [install, rags, tape] = stack.qbd.admin.seedItems([
      { fullName: 'Install', type: 'ItemService', salesPrice: 90, salesDesc: 'Fitting on site' },
      { fullName: 'Rags', type: 'ItemNonInventory', salesPrice: 4 },
      { fullName: 'Supplies:Tape', type: 'ItemNonInventory', salesPrice: 3 },
    ]);

    const linked = await linkNow();

    assert.deepEqual(linked.failed, []);
    const service = await linkOf(install!.listId);
    const parts = await linkOf(rags!.listId);
    assert.deepEqual(
      [service.kind, service.product.product_name, service.product.product_type, service.product.price],
      ['service', 'Install', 'SERVICE', 90],
    );
    assert.deepEqual(
      [parts.kind, parts.product.product_name, parts.product.product_type, parts.product.price],
      ['noninventory', 'Rags', 'PARTS', 4],
    );
    // A sub-item's parent is its category: Tape is in a Zuper category "Supplies", and Supplies is no product.
    const taped = await linkOf(tape!.listId);
    const category = (taped.product as unknown as { product_category: { category_name: string } }).product_category;
    assert.equal(category.category_name, 'Supplies');
    const supplies = stack.qbd.admin.getItem('Supplies');
    const links = await stack.store.links.list(stack.connectionId);
    assert.equal(links.filter((link) => link.accountingItemId === supplies.listId).length, 0);
    assert.ok(await stack.store.categoryLinks.fieldFor(stack.connectionId, supplies.listId));
  });

  it('copies Zuper services and untracked parts to QuickBooks Desktop with the accounts the settings name', async () => {
    const serviceIncome = stack.qbd.admin.addAccount('Service Income');
    await configure({ productMaster: 'field', qbdAccounts: { serviceIncome: 'Service Income' } });
    // QuickBooks Desktop keeps a sub-item to its parent's type: a category per kind.
    const services = zuperCategory('Services');
    const [visit, ties] = stack.zuper.admin.seedProducts(stack.zuperCompany, [
      { product_name: 'Site visit', product_type: 'SERVICE', product_category: services, price: 65 },
      {
        product_name: 'Zip ties',
        product_type: 'PARTS',
        product_category: stack.zuperCategoryUid,
        track_quantity: false,
        price: 2,
      },
    ]) as [string, string];

    for (const uid of [visit, ties]) {
      const result = await syncZuperProduct(uid);
      assert.equal(result.status === 'synced' && result.results[0]?.outcome, 'created', JSON.stringify(result));
    }

    const siteVisit = stack.qbd.admin.getItem('Services:Site visit');
    const zipTies = stack.qbd.admin.getItem('Parts:Zip ties');
    assert.deepEqual(
      [siteVisit.type, siteVisit.salesPrice, siteVisit.accountListId],
      ['ItemService', 65, serviceIncome],
    );
    assert.deepEqual(
      [stack.qbd.company.fullName(siteVisit), stack.qbd.company.fullName(zipTies)],
      ['Services:Site visit', 'Parts:Zip ties'],
    );
    const sales = stack.qbd.company.findNamed(stack.qbd.company.accounts, { fullName: 'Sales' })?.listId;
    assert.deepEqual([zipTies.type, zipTies.salesPrice, zipTies.accountListId], ['ItemNonInventory', 2, sales]);
    const links = await stack.store.links.list(stack.connectionId);
    assert.deepEqual(
      [visit, ties].map((uid) => links.find((link) => link.fieldItemId === uid)?.itemKind),
      ['service', 'noninventory'],
    );
  });

  it('ends as needs attention naming the account and its setting when the company file lacks the account', async () => {
    await configure({ productMaster: 'field', qbdAccounts: { nonInventoryIncome: 'Supplies Income' } });
    const [uid] = stack.zuper.admin.seedProducts(stack.zuperCompany, [
      {
        product_name: 'Cable clips',
        product_type: 'PARTS',
        product_category: stack.zuperCategoryUid,
        track_quantity: false,
      },
    ]) as [string];

    const entry = await refusedSync(uid, 'qbd:account-missing');

    assert.equal(entry?.errorCode, 'qbd:account-missing');
    assert.match(entry?.explanation ?? '', /no account "Supplies Income" \(the account of new non-inventory items\)/);
    assert.match(entry?.fix ?? '', /--qbd-non-inventory-account/);
    assert.throws(() => stack.qbd.admin.getItem('Parts:Cable clips'), /No item/);

    stack.qbd.admin.addAccount('Supplies Income');
    const retried = await syncZuperProduct(uid);
    assert.equal(retried.status, 'synced', 'the sync succeeds once the account exists');
    assert.equal(stack.qbd.admin.getItem('Parts:Cable clips').type, 'ItemNonInventory');
  });

  it("makes a Zuper category a parent item of its products' kind, and refuses a product of another kind or too long a name", async () => {
    await configure({ productMaster: 'field', qbdAccounts: {} });
    const fasteners = zuperCategory('Fasteners');
    const [screws, pipe, long] = stack.zuper.admin.seedProducts(stack.zuperCompany, [
      { product_name: 'Screws', product_type: 'PRODUCT', product_category: fasteners, track_quantity: true },
      { product_name: 'Pipe', product_type: 'PRODUCT', product_category: stack.zuperCategoryUid, track_quantity: true },
      {
        product_name: 'A product name longer than QuickBooks takes',
        product_type: 'SERVICE',
        product_category: fasteners,
      },
    ]) as [string, string, string];

    const created = await syncZuperProduct(screws);
    assert.equal(created.status === 'synced' && created.results[0]?.outcome, 'created', JSON.stringify(created));
    const item = stack.qbd.admin.getItem('Fasteners:Screws');
    const parent = stack.qbd.admin.getItem('Fasteners');
    assert.deepEqual([item.type, item.parentListId, parent.type], ['ItemInventory', parent.listId, 'ItemInventory']);
    assert.equal(await stack.store.categoryLinks.accountingFor(stack.connectionId, fasteners), parent.listId);

    for (const [uid, code, explanation] of [
      [pipe, 'qbd:parent-type', /the category "Parts" is a non-inventory part, and "Pipe" would be an inventory part/],
      [long, 'qbd:invalid-name', /has 43 characters; QuickBooks Desktop allows 31/],
    ] as const) {
      const entry = await refusedSync(uid, code);
      assert.match(entry?.explanation ?? '', explanation);
    }
    assert.throws(() => stack.qbd.admin.getItem('Parts:Pipe'), /No item/);
  });

  it('refuses a Zuper category QuickBooks Desktop cannot name as a parent item, naming the category and the limit', async () => {
    await configure({ productMaster: 'field', qbdAccounts: {} });
    const longName = 'Plumbing fittings and connectors';
    const [tooLong, colon] = [zuperCategory(longName), zuperCategory('Pipes: copper')];
    const [elbow, tee] = stack.zuper.admin.seedProducts(stack.zuperCompany, [
      { product_name: 'Elbow', product_type: 'PRODUCT', product_category: tooLong, track_quantity: true },
      { product_name: 'Tee', product_type: 'PRODUCT', product_category: colon, track_quantity: true },
    ]) as [string, string];

    for (const [uid, explanation] of [
      [elbow, new RegExp(`category "${longName}" .*has 32 characters; QuickBooks Desktop allows 31`)],
      [tee, /category "Pipes: copper" .*contains ":", which separates levels of a FullName/],
    ] as const) {
      const entry = await refusedSync(uid, 'qbd:invalid-name');
      assert.match(entry?.explanation ?? '', explanation);
      assert.match(entry?.fix ?? '', /Rename the category in Zuper \(at most 31 characters, no ":"\)/);
    }
    assert.throws(() => stack.qbd.admin.getItem('Elbow'), /No item/);
    assert.equal(await stack.store.categoryLinks.accountingFor(stack.connectionId, tooLong), null);
  });
});
