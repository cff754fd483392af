/**
 * QuickBooks Desktop items of every synced kind, both ways, end to end: the real Temporal server and worker, the
 * service's /qbwc endpoint polled by the QuickBooks Desktop emulator's Web Connector (a session every second), and the
 * Zuper emulator. What each side holds afterwards, the accounts QuickBooks Desktop received and the history are checked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { itemSyncWorkflowId } from '../../../client/workflow-ids.js';
import type { ConnectionSettings } from '../../../domain/connection-settings.js';
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
      workflowId: `${itemSyncWorkflowId(stack.connectionId, 'zuper', uid)}:${sequence++}`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, system: 'zuper', id: uid, idleTimeoutMs: 10 }],
    });

  async function configure(change: Partial<ConnectionSettings>): Promise<void> {
    const { settings } = await stack.store.connections.get(stack.connectionId);
    await stack.store.connections.saveSettings(stack.connectionId, { ...settings!, ...change });
  }

  const zuperProduct = (uid: string) =>
    stack.zuper.admin.product(stack.zuperCompany, uid) as { product_name: string; product_type: string; price: number };

  /** The link of a QuickBooks Desktop item, and the Zuper product it is linked to. */
  async function linkOf(listId: string) {
    const link = (await stack.store.links.list(stack.connectionId)).find((l) => l.accountingItemId === listId);
    assert.ok(link, `a link of ${listId}`);
    return { kind: link.itemKind, product: zuperProduct(link.fieldItemId) };
  }

  it('copies QuickBooks Desktop service and non-inventory items to Zuper as services and untracked parts', async () => {
    const [install, rags] = stack.qbd.admin.seedItems([
      { fullName: 'Install', type: 'ItemService', salesPrice: 90, salesDesc: 'Fitting on site' },
      { fullName: 'Rags', type: 'ItemNonInventory', salesPrice: 4 },
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
  });

  it('copies Zuper services and untracked parts to QuickBooks Desktop with the accounts the settings name', async () => {
    const serviceIncome = stack.qbd.admin.addAccount('Service Income');
    await configure({ productMaster: 'zuper', qbdAccounts: { serviceIncome: 'Service Income' } });
    const [visit, ties] = stack.zuper.admin.seedProducts(stack.zuperCompany, [
      { product_name: 'Site visit', product_type: 'SERVICE', product_category: stack.zuperCategoryUid, price: 65 },
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

    const siteVisit = stack.qbd.admin.getItem('Site visit');
    const zipTies = stack.qbd.admin.getItem('Zip ties');
    assert.deepEqual(
      [siteVisit.type, siteVisit.salesPrice, siteVisit.accountListId],
      ['ItemService', 65, serviceIncome],
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
    await configure({ productMaster: 'zuper', qbdAccounts: { nonInventoryIncome: 'Supplies Income' } });
    const [uid] = stack.zuper.admin.seedProducts(stack.zuperCompany, [
      {
        product_name: 'Cable clips',
        product_type: 'PARTS',
        product_category: stack.zuperCategoryUid,
        track_quantity: false,
      },
    ]) as [string];

    const result = await syncZuperProduct(uid);

    assert.equal(result.status === 'failed' && result.failure.code, 'qbd:account-missing', JSON.stringify(result));
    const [entry] = await stack.store.history.list({
      connectionId: stack.connectionId,
      kind: 'item',
      fieldItemId: uid,
    });
    assert.equal(entry?.status, 'needs_attention');
    assert.equal(entry?.errorCode, 'qbd:account-missing');
    assert.match(entry?.explanation ?? '', /no account "Supplies Income" \(the account of new non-inventory items\)/);
    assert.match(entry?.fix ?? '', /--qbd-non-inventory-account/);
    assert.throws(() => stack.qbd.admin.getItem('Cable clips'), /No item/);

    stack.qbd.admin.addAccount('Supplies Income');
    const retried = await syncZuperProduct(uid);
    assert.equal(retried.status, 'synced', 'the sync succeeds once the account exists');
    assert.equal(stack.qbd.admin.getItem('Cable clips').type, 'ItemNonInventory');
  });
});
