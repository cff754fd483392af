import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { adjustStockInQbo } from '../../emulators/qbo/index.js';
import { ensureAdjustmentWatch, stopAdjustmentWatch } from '../../client/adjustment-watch.js';
import { linkedInventoryItem } from '../support/linked-item.js';
import { adjustmentWatchWorkflowId } from '../../client/workflow-ids.js';
import { olderAdjustmentWatchWorkflowId } from '../../client/recorded-workflow-ids.js';
import { adjustmentWatchWorkflow } from '../../workflows/adjustment-watch.js';

void describe('the quantity watch as the service starts it', () => {
  let stack: SyncStack;
  let link: { qboItemId: string; zuperUid: string };
  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    link = await linkedInventoryItem(stack, 7, 'Gasket');
  });
  after(() => stack.stop());

  void it('starts once per connection, brings a QuickBooks adjustment (no webhook) to Zuper, and stops', async () => {
    const options = {
      connectionId: stack.connectionId,
      taskQueue: stack.taskQueue,
      pacing: { activeMs: 200, idleMs: 300, monthlyReadBudget: 1e9 },
    };
    // A watch an earlier version started under the older id runs on (it continues as new) until this start replaces it.
    const older = await stack.temporal.workflow.start(adjustmentWatchWorkflow, {
      workflowId: olderAdjustmentWatchWorkflowId(stack.connectionId),
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, pacing: options.pacing }],
    });
    const handle = stack.temporal.workflow.getHandle(adjustmentWatchWorkflowId(stack.connectionId));
    await ensureAdjustmentWatch(stack.temporal, options);
    assert.equal((await older.describe()).status.name, 'TERMINATED', 'one watch per connection');
    const { runId } = await handle.describe();
    assert.equal((await handle.describe()).status.name, 'RUNNING');
    // A second start (a restart, or QuickBooks connected again) finds the watch running and leaves it alone.
    await ensureAdjustmentWatch(stack.temporal, options);
    assert.equal((await handle.describe()).runId, runId);

    // The test stack schedules no reconciliation and the emulator sends no webhook for an adjustment: only the
    // watch can carry it.
    adjustStockInQbo(stack.qbo.admin, stack.realmId, { itemId: link.qboItemId, qtyDiff: -3, userName: 'Clerk' });
    assert.equal(stack.qboQty(link.qboItemId), 4);
    await eventually(
      () => stack.zuperQty(link.zuperUid),
      (qty) => qty === 4,
    );

    await stopAdjustmentWatch(stack.temporal, stack.connectionId);
    assert.equal((await handle.describe()).status.name, 'TERMINATED');
    await stopAdjustmentWatch(stack.temporal, stack.connectionId);
  });
});
