// Linking and reconciling a catalog of more products than one Zuper page: the catalogs are read, the links compared
// and the plan stored a page at a time, and every item must still be planned, linked and corrected.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { linkNow } from '../support/catalog-helpers.js';
import { reconcileWorkflow } from '../../workflows/reconcile.js';
import { sellOnInvoice } from '../../emulators/qbo/index.js';

const ITEMS = 150;
const START_QTY = 20;

describe(`a catalog of ${ITEMS} items on each side, read in pages`, () => {
  let stack: SyncStack;
  let qboIds: string[];
  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    qboIds = stack.qbo.admin.seedItems(stack.realmId, { count: ITEMS, namePrefix: 'Part', qtyOnHand: START_QTY });
    stack.zuper.admin.generateProducts(stack.zuperCompany, {
      count: ITEMS,
      product_type: 'PRODUCT',
      name_prefix: 'Part',
      quantity_per_location: START_QTY,
      location_uids: [stack.locations.main],
    });
  });
  after(() => stack.stop());

  it('the dry run plans a link for every item, stored as one row per action beside its report', async () => {
    const dry = await linkNow(stack, true);
    assert.deepEqual(dry.summary, { keep: 0, link: ITEMS, create: 0, skip: 0, quantityChanges: 0 });
    const plan = await stack.store.linkPlans.range<{ action: string; accountingItemId: string; fieldItemId: string }>(
      dry.reportId,
      0,
      ITEMS + 1,
    );
    assert.equal(plan.length, ITEMS);
    assert.ok(plan.every((a) => a.action === 'link'));
    assert.deepEqual(plan.map((a) => a.accountingItemId).sort(), [...qboIds].sort());
    assert.equal(new Set(plan.map((a) => a.fieldItemId)).size, ITEMS);
    const report = await stack.store.history.get(dry.reportId);
    assert.deepEqual(report?.details, { dryRun: true, summary: dry.summary, actionCount: ITEMS });
    assert.equal(await stack.store.links.count(stack.connectionId), 0, 'a dry run links nothing');
  });

  it('links every item, and reconciliation compares every link and corrects every drifted item', async () => {
    const real = await linkNow(stack, false);
    assert.deepEqual(real.failed, []);
    const links = await stack.store.links.list(stack.connectionId);
    assert.equal(links.length, ITEMS);
    // Drift on both sides with no webhook: the first page's items in QuickBooks, the last page's in Zuper.
    const drifted = [links[0]!, links[1]!, links[ITEMS - 2]!, links[ITEMS - 1]!];
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 1 } });
    for (const link of drifted.slice(0, 2)) {
      sellOnInvoice(stack.qbo.admin, stack.realmId, { itemId: link.accountingItemId, qty: 2, unitPrice: 10 });
    }
    stack.qbo.admin.updateSettings({ webhooks: { dropRate: 0 } });
    const zuper = await stack.deps.clients.zuper(stack.connectionId);
    for (const link of drifted.slice(2)) {
      await zuper.stockOutward({
        productUid: link.fieldItemId,
        locationUid: stack.locations.main,
        quantity: 3,
        remarks: 'counted short',
      });
    }
    const report = await stack.temporal.workflow.execute(reconcileWorkflow, {
      workflowId: `reconcile-${stack.connectionId}-paged`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId }],
    });
    assert.equal(report.checked, ITEMS);
    assert.equal(report.drifted, drifted.length);
    assert.equal(report.corrected, drifted.length);
    assert.deepEqual(
      drifted.map((l) => [stack.qboQty(l.accountingItemId), stack.zuperQty(l.fieldItemId)]),
      [
        [START_QTY - 2, START_QTY - 2],
        [START_QTY - 2, START_QTY - 2],
        [START_QTY - 3, START_QTY - 3],
        [START_QTY - 3, START_QTY - 3],
      ],
    );
    const bases = new Map(
      (await stack.store.links.list(stack.connectionId)).map((l) => [l.accountingItemId, l.baseQty]),
    );
    assert.deepEqual(
      drifted.map((l) => bases.get(l.accountingItemId)),
      [START_QTY - 2, START_QTY - 2, START_QTY - 3, START_QTY - 3],
    );
  });
});
