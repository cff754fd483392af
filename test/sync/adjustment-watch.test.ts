import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { adjustStockInQbo, sellOnInvoice } from '../../emulators/qbo/index.js';
import { linkCatalogWorkflow } from '../../workflows/link-catalog.js';
import { adjustmentWatchWorkflow } from '../../workflows/adjustment-watch.js';
import { adjustmentWatchWorkflowId } from '../../client/workflow-ids.js';

describe('the QuickBooks quantity watch', () => {
  let stack: SyncStack;
  let qboItemId: string;
  let zuperUid: string;

  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    stack.qbo.admin.seedItems(stack.realmId, { count: 2, namePrefix: 'Valve', qtyOnHand: 10 });
    await stack.temporal.workflow.execute(linkCatalogWorkflow, {
      workflowId: `link-${stack.connectionId}`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, dryRun: false }],
    });
    const [link] = await stack.store.links.list(stack.connectionId);
    assert.ok(link);
    qboItemId = link.accountingItemId;
    zuperUid = link.fieldItemId;
    assert.equal(stack.zuperQty(zuperUid), 10);
  });
  after(() => stack.stop());

  it('brings an adjustment entered in QuickBooks to Zuper with one change-data-capture call per poll, and records its cause', async () => {
    stack.qbo.admin.clearRequestLog();
    const handle = await stack.temporal.workflow.start(adjustmentWatchWorkflow, {
      workflowId: adjustmentWatchWorkflowId(stack.connectionId),
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, pacing: { activeMs: 200, idleMs: 300, monthlyReadBudget: 1e9 } }],
    });
    try {
      const adjustmentId = adjustStockInQbo(stack.qbo.admin, stack.realmId, {
        itemId: qboItemId,
        qtyDiff: 5,
        userName: 'Warehouse Clerk',
      });
      assert.equal(stack.qboQty(qboItemId), 15);
      await eventually(
        () => stack.zuperQty(zuperUid),
        (z) => z === 15,
      );
      await eventually(
        async () => (await stack.store.links.get(stack.connectionId, qboItemId))?.baseQty,
        (b) => b === 15,
      );
      const cursor = await stack.store.adjustmentCursors.get(stack.connectionId);
      // QuickBooks times have whole seconds: items the linking wrote within the adjustment's second share its instant.
      assert.ok(cursor);
      assert.deepEqual(
        cursor.seenIds.filter((key) => !key.startsWith('Item:')),
        [`InventoryAdjustment:${adjustmentId}`],
      );

      const reads = stack.qbo.admin.requestLog({ method: 'GET' });
      const polls = reads.filter(
        (r) => r.path.endsWith('/cdc') && /InventoryAdjustment/.test(String(r.query.entities)),
      );
      assert.ok(polls.length >= 1);
      // The watch itself reads nothing but its change data capture; item reads belong to the settle of the adjusted item.
      const itemReads = reads.filter((r) => /\/item\//.test(r.path) && !r.path.endsWith(`/item/${qboItemId}`));
      assert.deepEqual(itemReads, [], 'no other item was read');
    } finally {
      await handle.terminate('test over');
    }
  });

  it('settles a sale whose webhook was lost, and reconciles when QuickBooks deletes a transaction', async () => {
    const handle = await stack.temporal.workflow.start(adjustmentWatchWorkflow, {
      workflowId: adjustmentWatchWorkflowId(stack.connectionId),
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, pacing: { activeMs: 200, idleMs: 300, monthlyReadBudget: 1e9 } }],
    });
    try {
      const before = stack.qboQty(qboItemId);
      stack.qbo.admin.updateSettings({ webhooks: { dropRate: 1 } });
      const invoiceId = sellOnInvoice(stack.qbo.admin, stack.realmId, { itemId: qboItemId, qty: 2, unitPrice: 10 });
      await eventually(
        () => stack.zuperQty(zuperUid),
        (z) => z === before - 2,
      );
      const invoice = stack.qbo.admin.getEntity(stack.realmId, 'Invoice', invoiceId)!;
      stack.qbo.admin.act(stack.realmId, {
        entity: 'Invoice',
        operation: 'delete',
        body: { Id: invoiceId, SyncToken: invoice.SyncToken },
      });
      stack.qbo.admin.updateSettings({ webhooks: { dropRate: 0 } });
      // The deleted invoice's stub names no item: a full reconciliation puts the stock back.
      await eventually(
        () => stack.zuperQty(zuperUid),
        (z) => z === before,
      );
      await eventually(
        async () => (await stack.store.history.list({ connectionId: stack.connectionId, kind: 'reconcile' })).length,
        (reconciliations) => reconciliations === 1,
      );
    } finally {
      await handle.terminate('test over');
    }
  });
});
