/**
 * QuickBooks Desktop inventory sites (Advanced Inventory) end to end: the real Temporal server and worker, the
 * service's /qbwc endpoint polled by the QuickBooks Desktop emulator's Web Connector (a session every second), and the
 * Zuper emulator. A Zuper consumption lands at the site the connection's default location maps to; the quantities of
 * each site and of the company, Zuper's quantity, the adjustments QuickBooks received and the history are checked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { itemSyncWorkflowId } from '../../../client/workflow-ids.js';
import { startingQuantityMovementId } from '../../../domain/movement-id.js';
import { configureConnection } from '../../../operator/configure-connection.js';
import { retrySync } from '../../../operator/retry-sync.js';
import type { SettingsChange } from '../../../service/connection-settings.js';
import { itemSyncWorkflow, type ItemSyncResult } from '../../../workflows/item-sync.js';
import { eventually } from '../../support/eventually.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';
import { readConnectionSettings } from '../../../integrations/connection-settings.js';

describe('QuickBooks Desktop inventory sites through the Web Connector', () => {
  let stack: QbdSyncStack;
  let headOffice: string;
  let mainWarehouse: string;

  before(async () => {
    stack = await startQbdSyncStack({ inventorySites: true, moreZuperLocations: ['Service Van'] });
    headOffice = stack.qbd.admin.addSite('Head Office', true);
    mainWarehouse = stack.qbd.admin.addSite('Main Warehouse');
    stack.connector.start();
  });
  after(() => stack.stop());

  const configure = (change: SettingsChange) => configureConnection(stack.service.ctx, stack.connectionId, change);

  /** Linked at `quantity`, all of it at Head Office (QuickBooks' default site), where a new item's stock starts. */
  const linkedItem = async (name: string, quantity: number) => ({ name, ...(await stack.linkedItem(name, quantity)) });

  /** Waits until the item's settle moved its base to `base`, then checks QuickBooks' total and Zuper hold it. */
  async function settledAt(item: { name: string; listId: string; productUid: string }, base: number) {
    await eventually(
      () => stack.base(item.listId),
      (seen) => seen === base,
    );
    assert.equal(stack.qbdQty(item.name), base, 'the company-wide quantity');
    assert.equal(stack.zuperQty(item.productUid), base);
  }

  /** The item's adjustments in QuickBooks Desktop: the site each landed at, and its quantity differences. */
  const landed = (listId: string) =>
    stack.adjustmentsOf(listId).map((a) => [a.siteListId, a.lines.map((line) => line.quantityDifference)]);

  const atSite = (name: string, site: string) => stack.qbd.admin.quantityOnHand(name, site);

  /** The InventorySiteQuery requests the service queued for the connection's Web Connector, answered or not. */
  const siteQueries = async () => {
    const [row] = await stack.store.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM qbd_requests WHERE connection_id = $1 AND request_type = 'InventorySiteQueryRq'`,
      [stack.connectionId],
    );
    return Number(row?.n);
  };

  it('lands a Zuper consumption at the site named as the default location, the settle comparing totals', async () => {
    const gasket = await linkedItem('Gasket', 10);
    assert.equal(atSite('Gasket', 'Head Office'), 10);

    await stack.consumeInZuper(gasket.productUid, 3);

    await settledAt(gasket, 7);
    assert.equal(atSite('Gasket', 'Main Warehouse'), -3);
    assert.equal(atSite('Gasket', 'Head Office'), 10);
    assert.deepEqual(landed(gasket.listId), [[mainWarehouse, [-3]]]);
    assert.deepEqual(await stack.movements(gasket.listId), [['accounting', -3]]);

    // The chosen site is kept: the next movement asks QuickBooks for no site list of its own.
    assert.equal(await siteQueries(), 1);
    const washer = await linkedItem('Washer', 5);
    await stack.consumeInZuper(washer.productUid, 1);
    await settledAt(washer, 4);
    assert.equal(atSite('Washer', 'Main Warehouse'), -1);
    assert.equal(await siteQueries(), 1);
  });

  it("falls back to QuickBooks' default site when no site has the default location's name", async () => {
    await configure({ defaultLocationUid: stack.zuperLocations['Service Van']! });
    const hinge = await linkedItem('Hinge', 8);

    await stack.consumeInZuper(hinge.productUid, 2);

    await settledAt(hinge, 6);
    assert.equal(atSite('Hinge', 'Head Office'), 6);
    assert.equal(atSite('Hinge', 'Main Warehouse'), 0);
    assert.deepEqual(landed(hinge.listId), [[headOffice, [-2]]]);
  });

  it('ends as needs attention when the qbdSite setting names a site the company file lacks, and a retry lands it there once created', async () => {
    await configure({ qbdSite: 'Van 2' });
    const { listId, productUid } = await linkedItem('Valve', 10);

    await stack.consumeInZuper(productUid, 4);

    const entry = await eventually(
      async () =>
        (
          await stack.store.history.list({
            connectionId: stack.connectionId,
            kind: 'quantity',
            accountingItemId: listId,
          })
        )[0],
      (run) => run?.status === 'needs_attention',
      30_000,
      'the settle ends as needs attention',
    );
    assert.equal(entry?.errorCode, 'qbd:site-missing');
    assert.match(entry?.explanation ?? '', /no inventory site "Van 2"/);
    assert.match(entry?.explanation ?? '', /its active sites are "Head Office", "Main Warehouse"/);
    assert.match(entry?.fix ?? '', /--qbd-site/);
    assert.deepEqual(stack.adjustmentsOf(listId), [], 'nothing was written to QuickBooks Desktop');
    assert.equal(stack.qbdQty('Valve'), 10);
    assert.equal(stack.zuperQty(productUid), 6);
    assert.equal(await stack.base(listId), 10);

    const van = stack.qbd.admin.addSite('Van 2');
    await retrySync(stack.service.ctx, entry.id);

    await settledAt({ name: 'Valve', listId, productUid }, 6);
    assert.equal(atSite('Valve', 'Van 2'), -4);
    assert.equal(atSite('Valve', 'Head Office'), 10);
    assert.deepEqual(landed(listId), [[van, [-4]]]);
    assert.deepEqual(await stack.movements(listId), [['accounting', -4]]);
  });

  let itemSyncs = 0;
  const syncZuperProduct = (uid: string): Promise<ItemSyncResult> =>
    stack.temporal.workflow.execute(itemSyncWorkflow, {
      workflowId: `${itemSyncWorkflowId(stack.connectionId, 'field', uid)}:${itemSyncs++}`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, system: 'zuper', id: uid, idleTimeoutMs: 10 }],
    });

  it("starts a Zuper product copied to QuickBooks Desktop at the connection's site, by one adjustment after the Add", async () => {
    // The connection's site is "Van 2" (the qbdSite setting above); Zuper holds the product at two locations.
    await configure({ productMaster: 'field', defaultLocationUid: stack.mainLocation });
    const [uid] = stack.zuper.admin.generateProducts(stack.zuperCompany, {
      count: 1,
      name_prefix: 'Flange',
      product_type: 'PRODUCT',
      location_uids: [stack.mainLocation, stack.zuperLocations['Service Van']!],
      quantity_per_location: 4,
    }) as [string];
    const product = {
      product_uid: uid,
      ...(stack.zuper.admin.product(stack.zuperCompany, uid) as { product_name: string }),
    };

    const created = await syncZuperProduct(product.product_uid);

    assert.equal(created.status === 'synced' && created.results[0]?.outcome, 'created', JSON.stringify(created));
    const item = stack.qbd.admin.getItem(`Parts:${product.product_name}`);
    const van = [...stack.qbd.company.sites.values()].find((site) => site.name === 'Van 2')!;
    const fullName = `Parts:${product.product_name}`;
    assert.deepEqual(
      [atSite(fullName, 'Van 2'), atSite(fullName, 'Head Office'), stack.qbdQty(fullName)],
      [8, 0, 8],
      'all of the starting quantity at the site, none where QuickBooks puts an Add',
    );
    assert.deepEqual(landed(item.listId), [[van.listId, [8]]]);
    const [adjustment] = stack.adjustmentsOf(item.listId);
    assert.ok(adjustment?.memo?.endsWith(`(${startingQuantityMovementId(stack.connectionId, item.listId)})`));
    assert.equal(stack.zuperQty(product.product_uid), 8);
    assert.equal(await stack.base(item.listId), 8);

    // Synced again: nothing more is written, and a consumption lands at the same site.
    const again = await syncZuperProduct(product.product_uid);
    assert.equal(again.status, 'synced', JSON.stringify(again));
    await stack.consumeInZuper(product.product_uid, 3);
    await settledAt({ name: fullName, listId: item.listId, productUid: product.product_uid }, 5);
    assert.deepEqual(landed(item.listId), [
      [van.listId, [8]],
      [van.listId, [-3]],
    ]);
    assert.equal(atSite(fullName, 'Van 2'), 5);
  });

  /** The Web Connector sessions of the connection that have ended. */
  const sessionsEnded = async () => {
    const [row] = await stack.store.db.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM qbd_sessions WHERE connection_id = $1 AND closed_at IS NOT NULL',
      [stack.connectionId],
    );
    return Number(row?.n);
  };

  it('moves nothing in Zuper when QuickBooks Desktop transfers stock between sites: the company total stays', async () => {
    // Linked at 6, all at Head Office; the connection's site is "Van 2".
    const clamp = await linkedItem('Clamp', 6);
    const before = await sessionsEnded();

    stack.qbd.admin.transfer({ item: 'Clamp', quantity: 4, from: 'Head Office', to: 'Van 2' });

    // The quantity watch reads QuickBooks Desktop at every session: two go by.
    await eventually(sessionsEnded, (n) => n >= before + 2, 30_000, 'two Web Connector sessions');
    assert.deepEqual([atSite('Clamp', 'Head Office'), atSite('Clamp', 'Van 2'), stack.qbdQty('Clamp')], [2, 4, 6]);
    assert.equal(stack.zuperQty(clamp.productUid), 6, 'Zuper keeps the total');
    assert.equal(await stack.base(clamp.listId), 6);
    assert.deepEqual(await stack.movements(clamp.listId), [], 'no movement on either side');
    assert.deepEqual(stack.adjustmentsOf(clamp.listId), []);

    // A Zuper consumption then draws on the stock the transfer brought to the connection's site.
    await stack.consumeInZuper(clamp.productUid, 1);
    await settledAt(clamp, 5);
    assert.deepEqual([atSite('Clamp', 'Head Office'), atSite('Clamp', 'Van 2')], [2, 3]);
  });

  it('unsets the qbdSite setting with an empty name: the next movement chooses its site again, by the default location', async () => {
    await configure({ qbdSite: 'Van 2', defaultLocationUid: stack.zuperLocations['Main Warehouse']! });
    const unset = await configure({ qbdSite: '' });
    assert.deepEqual(unset.settings.accounting, { system: 'qbd', accounts: {} });
    assert.deepEqual(readConnectionSettings(await stack.store.connections.get(stack.connectionId))?.accounting, {
      system: 'qbd',
      accounts: {},
    });
    const bolt = await linkedItem('Bolt', 9);

    await stack.consumeInZuper(bolt.productUid, 2);

    await settledAt(bolt, 7);
    assert.equal(atSite('Bolt', 'Main Warehouse'), -2);
    assert.equal(atSite('Bolt', 'Van 2'), 0);
    assert.deepEqual(landed(bolt.listId), [[mainWarehouse, [-2]]]);
  });
});
