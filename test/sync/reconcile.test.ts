import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { linkNow, zuperProduct } from '../support/catalog-helpers.js';
import { reconcileWorkflow } from '../../workflows/reconcile.js';
import { ensureReconcileSchedule, reconcileSchedule } from '../../client/schedules.js';
import type { DriftReport } from '../../domain/drift-report.js';
import { adjustStockInQbo } from '../../emulators/qbo/index.js';

describe('scheduled reconciliation and its drift report', () => {
  let stack: SyncStack;
  let itemIds: string[];
  let run = 0;
  const reconcile = (scheduled = false) =>
    stack.temporal.workflow.execute(reconcileWorkflow, {
      workflowId: `reconcile-${stack.connectionId}-${run++}`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, scheduled }],
    });

  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    itemIds = stack.qbo.admin.seedItems(stack.realmId, { count: 6, namePrefix: 'Part', qtyOnHand: 20 });
    await linkNow(stack, false);
  });
  after(() => stack.stop());

  it('finds nothing to do on a catalog in sync', async () => {
    const report = await reconcile();
    assert.equal(report.checked, 6);
    assert.equal(report.drifted, 0);
    assert.deepEqual(report.items, []);
  });

  it('corrects drift that no webhook announced, on either side, and explains each item', async () => {
    const [a, b, c] = itemIds as [string, string, string];
    const links = new Map((await stack.store.links.list(stack.connectionId)).map((l) => [l.accountingItemId, l]));
    // A sale in QBO whose webhook was lost, and Zuper stock moved while the service was down.
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 1 } });
    stack.qbo.admin.act(stack.realmId, {
      entity: 'SalesReceipt',
      operation: 'create',
      body: {
        CustomerRef: { value: '1' },
        Line: [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 30,
            SalesItemLineDetail: { ItemRef: { value: a }, Qty: 3, UnitPrice: 10 },
          },
        ],
      },
    });
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 0 } });
    const zuper = await stack.deps.clients.zuper(stack.connectionId);
    await zuper.stockOutward({
      productUid: links.get(b)!.fieldItemId,
      locationUid: stack.locations.van,
      quantity: 4,
      remarks: 'van restock count',
    });
    await zuper.stockInward({
      productUid: links.get(c)!.fieldItemId,
      locationUid: stack.locations.main,
      quantity: 2.5,
      remarks: 'found in warehouse',
    });
    stack.qbo.admin.act(stack.realmId, {
      entity: 'Bill',
      operation: 'create',
      body: {
        VendorRef: { value: '30' },
        Line: [
          {
            DetailType: 'ItemBasedExpenseLineDetail',
            Amount: 10,
            ItemBasedExpenseLineDetail: { ItemRef: { value: c }, Qty: 1, UnitPrice: 10 },
          },
        ],
      },
    });

    const report: DriftReport = await reconcile();
    assert.equal(report.checked, 6);
    assert.equal(report.drifted, 3);
    assert.equal(report.corrected, 3);
    assert.equal(report.failed, 0);
    const byItem = new Map(report.items.map((i) => [i.accountingItemId, i]));
    assert.deepEqual(byItem.get(a)?.quantities, { base: 20, accounting: 17, field: 20 });
    assert.deepEqual(byItem.get(a)?.moved, { accounting: 0, field: -3 });
    assert.equal(byItem.get(a)?.fieldItemId, links.get(a)!.fieldItemId);
    assert.match(byItem.get(a)!.cause, /^QuickBooks changed by -3/);
    assert.deepEqual(byItem.get(b)?.moved, { accounting: -4, field: 0 });
    assert.match(byItem.get(b)!.cause, /^Zuper changed by -4/);
    assert.deepEqual(byItem.get(c)?.moved, { accounting: 2.5, field: 1 });
    assert.match(byItem.get(c)!.cause, /both systems/);
    for (const [id, expected] of [
      [a, 17],
      [b, 16],
      [c, 23.5],
    ] as const) {
      assert.equal(stack.qboQty(id), expected);
      assert.equal(stack.zuperQty(links.get(id)!.fieldItemId), expected);
    }
    const [entry] = await stack.store.history.list({ connectionId: stack.connectionId, kind: 'reconcile' });
    assert.equal(entry?.status, 'succeeded');
    assert.equal((entry?.details as DriftReport).corrected, 3);
    assert.deepEqual((entry?.details as DriftReport).items.map((i) => i.accountingItemId).sort(), [a, b, c].sort());
    assert.equal((await reconcile()).drifted, 0, 'a second pass finds everything in sync');
  });

  it('re-syncs changed master definitions and links new master items', async () => {
    const [d] = itemIds.slice(3) as [string];
    const link = (await stack.store.links.get(stack.connectionId, d))!;
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 1 } });
    stack.qbo.admin.editItemAsOtherUser(stack.realmId, d, { changes: { Name: 'Renamed while offline' } });
    const [fresh] = stack.qbo.admin.seedItems(stack.realmId, {
      count: 1,
      namePrefix: 'Added offline',
      qtyOnHand: 3,
    }) as [string];
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 0 } });
    const report = await reconcile();
    assert.equal(report.definitionsSynced, 1);
    assert.equal(report.linked, 1);
    const created = await stack.store.links.get(stack.connectionId, fresh);
    assert.ok(created, 'the new master item is linked');
    assert.equal(stack.zuperQty(created.fieldItemId), 3);
    await eventually(
      () => zuperProduct(stack, link.fieldItemId).product_name,
      (name) => name === 'Renamed while offline',
      10_000,
    );
  });

  it('a scheduled run reads the QuickBooks catalog once a day; in between it settles Zuper drift reading Zuper only', async () => {
    const [e, f] = itemIds.slice(4) as [string, string];
    const links = new Map((await stack.store.links.list(stack.connectionId)).map((l) => [l.accountingItemId, l]));
    const zuper = await stack.deps.clients.zuper(stack.connectionId);
    await zuper.stockInward({
      productUid: links.get(e)!.fieldItemId,
      locationUid: stack.locations.main,
      quantity: 2,
      remarks: 'found in the van',
    });
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 1 } });
    adjustStockInQbo(stack.qbo.admin, stack.realmId, { itemId: f, qtyDiff: -5 });
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 0 } });
    stack.qbo.admin.clearRequestLog();

    // The earlier runs read the QuickBooks catalog moments ago.
    const between = await reconcile(true);
    assert.equal(between.accountingCatalogReadAt, null);
    assert.deepEqual(
      between.items.map((i) => [i.accountingItemId, i.quantities.accounting, i.quantities.field, i.status]),
      [[e, null, 22, 'corrected']],
    );
    assert.equal(stack.qboQty(e), 22);
    const itemReads = stack.qbo.admin
      .requestLog({ method: 'GET' })
      .filter((r) => /\/item\//.test(r.path) || /Item/.test(String(r.query.query)));
    assert.deepEqual(itemReads, [], 'no QuickBooks item is read');
    assert.equal(stack.qbo.admin.requestLog({ pathIncludes: '/batch' }).length, 0, 'nor the catalog in batches');

    await stack.store.accountingCatalogReads.recordRead(stack.connectionId, new Date(Date.now() - 25 * 3600_000));
    const daily = await reconcile(true);
    assert.ok(daily.accountingCatalogReadAt);
    assert.deepEqual(
      daily.items.map((i) => [i.accountingItemId, i.quantities.accounting, i.status]),
      [[f, 15, 'corrected']],
    );
    assert.equal(stack.zuperQty(links.get(f)!.fieldItemId), 15);
    const recorded = await stack.store.accountingCatalogReads.lastReadAt(stack.connectionId);
    assert.equal(recorded?.toISOString(), daily.accountingCatalogReadAt);
  });

  it('creates one schedule per connection that can be updated, paused and triggered', async () => {
    await ensureReconcileSchedule(stack.temporal, {
      connectionId: stack.connectionId,
      every: '1h',
      taskQueue: stack.taskQueue,
    });
    await ensureReconcileSchedule(stack.temporal, {
      connectionId: stack.connectionId,
      every: '30m',
      taskQueue: stack.taskQueue,
    });
    const handle = reconcileSchedule(stack.temporal, stack.connectionId);
    const described = await handle.describe();
    assert.deepEqual(
      described.spec.intervals?.map((i) => i.every),
      [30 * 60_000],
    );
    await handle.pause('test');
    assert.equal((await handle.describe()).state.paused, true);
    await handle.unpause();
    const reportCount = async () =>
      (await stack.store.history.list({ connectionId: stack.connectionId, kind: 'reconcile' })).length;
    const before = await reportCount();
    await handle.trigger();
    const after = await eventually(reportCount, (count) => count > before, 15_000);
    assert.equal(after, before + 1, 'the triggered run reconciled and recorded its report');
    await handle.delete();
  });
});
