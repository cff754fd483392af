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
import { QbdConnection } from '../../../emulators/qbd/index.js';
import { authenticate, call, receive, send } from './soap-calls.js';

describe('QuickBooks Desktop inventory sites through the Web Connector', () => {
  let stack: QbdSyncStack;
  let headOffice: string;
  let mainWarehouse: string;
  /** Every request document QuickBooks Desktop's request processor received, in order. */
  const receivedDocuments: string[] = [];

  before(async () => {
    stack = await startQbdSyncStack({ inventorySites: true, moreZuperLocations: ['Service Van'] });
    const process = stack.qbd.processor.process.bind(stack.qbd.processor);
    stack.qbd.processor.process = (connection, requestXml) => {
      receivedDocuments.push(requestXml);
      return process(connection, requestXml);
    };
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

  /** Zuper is the product master, and QuickBooks Desktop's stock movements land at "Van 2". */
  const copyingToVan2 = (qbdAccounts: SettingsChange['qbdAccounts'] = {}) =>
    configure({ productMaster: 'field', qbdSite: 'Van 2', defaultLocationUid: stack.mainLocation, qbdAccounts });

  /** A new Zuper product of `quantity` at the main location, to be copied to QuickBooks Desktop under "Parts". */
  const zuperProduct = (name: string, quantity: number) => {
    const [uid] = stack.zuper.admin.generateProducts(stack.zuperCompany, {
      count: 1,
      name_prefix: name,
      product_type: 'PRODUCT',
      location_uids: [stack.mainLocation],
      quantity_per_location: quantity,
    }) as [string];
    const { product_name } = stack.zuper.admin.product(stack.zuperCompany, uid) as { product_name: string };
    return { uid, fullName: `Parts:${product_name}`, name: product_name };
  };

  /** Each request of a type the company file received, as sent, and the status QuickBooks answered it with. */
  const received = (requestType: string, documents: string[]) =>
    documents.flatMap((document) =>
      [...document.matchAll(new RegExp(`<${requestType}Rq [\\s\\S]*?</${requestType}Rq>`, 'g'))].map((m) => m[0]),
    );

  /** The items of the company file with this full name. */
  const itemsNamed = (fullName: string) =>
    [...stack.qbd.company.items.values()].filter((item) => stack.qbd.company.fullName(item) === fullName);

  it("retries a starting adjustment refused after the item's Add: the item is found by name and started once", async () => {
    await copyingToVan2({ adjustment: 'Stock Shrinkage' });
    const product = zuperProduct('Nipple', 6);

    const failed = await syncZuperProduct(product.uid);

    assert.equal(failed.status === 'failed' && failed.failure.code, 'qbd:account-missing', JSON.stringify(failed));
    const [entry] = await stack.store.history.list({
      connectionId: stack.connectionId,
      kind: 'item',
      fieldItemId: product.uid,
    });
    assert.equal(entry?.status, 'needs_attention');
    assert.match(
      entry?.explanation ?? '',
      new RegExp(
        `item "${product.fullName}" was added with no quantity, and its starting quantity \\(6 at the site "Van 2"\\) was not: QuickBooks Desktop has no account "Stock Shrinkage"`,
      ),
    );
    assert.match(
      entry?.fix ?? '',
      /--qbd-adjustment-account .*The retry finds the item by its name and gives it its starting quantity once/,
    );
    const [added] = itemsNamed(product.fullName);
    assert.equal(stack.qbdQty(product.fullName), 0, 'the item stays at 0');
    assert.equal(stack.zuperQty(product.uid), 6);
    assert.equal(await stack.store.links.getByFieldItem(stack.connectionId, product.uid), null, 'not linked');
    assert.deepEqual(stack.adjustmentsOf(added!.listId), []);

    stack.qbd.admin.addAccount('Stock Shrinkage', 'CostOfGoodsSold');
    await retrySync(stack.service.ctx, entry.id);

    await eventually(
      async () =>
        (
          await stack.store.history.list({ connectionId: stack.connectionId, kind: 'item', fieldItemId: product.uid })
        )[0],
      (run) => run?.status === 'succeeded',
      30_000,
      'the retried item sync succeeds',
    );
    const link = await stack.store.links.getByFieldItem(stack.connectionId, product.uid);
    assert.deepEqual(
      itemsNamed(product.fullName).map((item) => item.listId),
      [link?.accountingItemId],
      'one item in QuickBooks Desktop, the one added first, linked',
    );
    const van = [...stack.qbd.company.sites.values()].find((site) => site.name === 'Van 2')!;
    assert.deepEqual(landed(added!.listId), [[van.listId, [6]]], 'one starting adjustment, at the site');
    const documents = receivedDocuments;
    assert.equal(
      received('ItemInventoryAdd', documents).filter((rq) => rq.includes(`<Name>${product.name}</Name>`)).length,
      1,
      'one Add received',
    );
    const adjustmentsSent = received('InventoryAdjustmentAdd', documents).filter((rq) => rq.includes(added!.listId));
    assert.equal(adjustmentsSent.length, 2, 'the refused adjustment and the one applied');
    assert.deepEqual([atSite(product.fullName, 'Van 2'), stack.qbdQty(product.fullName)], [6, 6]);
    assert.equal(stack.zuperQty(product.uid), 6);
    assert.equal(link?.baseQty, 6);
    assert.deepEqual(await stack.movements(added!.listId), [], 'the starting quantity is no settle movement');
    await configure({ qbdAccounts: {} });
  });

  it('adds a starting adjustment whose answer was lost once: the retried round finds it by its movement id', async () => {
    await copyingToVan2();
    const product = zuperProduct('Coupling', 5);
    await stack.connector.stop();
    const sync = syncZuperProduct(product.uid);

    // The test plays the Web Connector until QuickBooks applied the adjustment, whose answer then never comes back.
    const { appUrl, userName, password } = stack.webConnectorLogin;
    for (;;) {
      await eventually(
        () => stack.queued(),
        (queued) => queued.length > 0,
        20_000,
        'a request waiting',
      );
      const [ticket] = await authenticate(appUrl, userName, password);
      const message = await send(appUrl, ticket!);
      const processed = stack.qbd.processor.process(new QbdConnection(), message);
      assert.equal(processed.kind, 'response');
      if (message.includes('<InventoryAdjustmentAddRq ')) break;
      assert.ok((await receive(appUrl, ticket!, processed.kind === 'response' ? processed.xml : '')) >= 0);
      await call(appUrl, 'closeConnection', { ticket: ticket! });
    }
    const item = stack.qbd.admin.getItem(product.fullName);
    assert.equal(stack.qbdQty(product.fullName), 5, 'applied, answer lost');
    stack.connector.start();

    const result = await sync;

    assert.equal(result.status === 'synced' && result.results[0]?.outcome, 'created', JSON.stringify(result));
    const documents = receivedDocuments;
    const van = [...stack.qbd.company.sites.values()].find((site) => site.name === 'Van 2')!;
    assert.deepEqual(landed(item.listId), [[van.listId, [5]]], 'one starting adjustment');
    assert.equal(received('InventoryAdjustmentAdd', documents).filter((rq) => rq.includes(item.listId)).length, 1);
    assert.equal(
      received('ItemInventoryAdd', documents).filter((rq) => rq.includes(`<Name>${product.name}</Name>`)).length,
      1,
    );
    assert.deepEqual(itemsNamed(product.fullName).length, 1);
    assert.deepEqual(
      [atSite(product.fullName, 'Van 2'), stack.qbdQty(product.fullName), stack.zuperQty(product.uid)],
      [5, 5, 5],
    );
    assert.equal(await stack.base(item.listId), 5);
    assert.deepEqual(await stack.movements(item.listId), []);
  });

  it('copies three Zuper products at once with one InventorySiteQuery: concurrent creates share the site choice', async () => {
    // Saving the settings forgets the chosen site, so the creates below choose it afresh.
    await copyingToVan2();
    const products = [zuperProduct('Tee', 2), zuperProduct('Elbow', 3), zuperProduct('Cap', 4)];
    const siteQueriesBefore = received('InventorySiteQuery', receivedDocuments).length;

    const results = await Promise.all(products.map((product) => syncZuperProduct(product.uid)));

    for (const result of results) {
      assert.equal(result.status === 'synced' && result.results[0]?.outcome, 'created', JSON.stringify(result));
    }
    assert.equal(received('InventorySiteQuery', receivedDocuments).length - siteQueriesBefore, 1);
    for (const [n, product] of products.entries()) {
      assert.deepEqual([atSite(product.fullName, 'Van 2'), stack.qbdQty(product.fullName)], [n + 2, n + 2]);
    }
  });
});
