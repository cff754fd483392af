import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NativeConnection, Worker } from '@temporalio/worker';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import {
  consumeInZuper,
  deliverZuperChange,
  linkedInventoryItem,
  movementsOf,
  settledBase,
} from '../support/linked-item.js';
import { startDyingWorker } from '../support/dying-worker.js';
import { createActivities } from '../../activities/index.js';
import { workflowBundle } from '../../worker/create-worker.js';
import { itemQuantityWorkflowId } from '../../client/workflow-ids.js';

describe('a worker killed between the external write and the commit', { timeout: 180_000 }, () => {
  let stack: SyncStack;
  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
  });
  after(() => stack.stop());

  it('resumes the stored plan after restart: the write is found, not repeated, and the base commits', async () => {
    const { qboItemId, zuperUid } = await linkedInventoryItem(stack, 12, 'Crash');
    // Stop the healthy worker so the settle runs on one whose commit never finishes.
    stack.worker.shutdown();
    await eventually(
      () => stack.worker.getState(),
      (s) => s === 'STOPPED',
    );
    const dying = await startDyingWorker(stack);
    try {
      const invoiceUid = await consumeInZuper(stack, zuperUid, 5, stack.locations.main);
      await deliverZuperChange(stack, { event: 'invoice.new', invoiceUid });
      // Wait for the commit itself: QBO's quantity moves before the write's answer is back at the worker.
      await eventually(
        () => dying.commitsStarted(),
        (n) => n > 0,
      );
      assert.equal(dying.qboWrites(), 1);
      assert.equal(stack.qboQty(qboItemId), 7);
      const pending = (await stack.store.links.get(stack.connectionId, qboItemId))?.pendingSettle;
      assert.equal(pending?.accounting.move, -5, 'the plan is stored on the link before anything is written');
      // The process dies: its workflow run is gone too (terminated), only the database and QBO remember.
      await stack.temporal.workflow
        .getHandle(itemQuantityWorkflowId(stack.connectionId, qboItemId))
        .terminate('worker killed');
    } finally {
      await dying.kill();
    }

    // A fresh worker and any later event for the item resume the plan.
    const restarted = await NativeConnection.connect({ address: process.env.TEMPORAL_TEST_ADDRESS! });
    try {
      const healthy = await Worker.create({
        connection: restarted,
        taskQueue: stack.taskQueue,
        workflowBundle: await workflowBundle(),
        dataConverter: stack.temporal.options.dataConverter,
        activities: createActivities(stack.deps),
        shutdownForceTime: '5s',
      });
      await healthy.runUntil(async () => {
        await deliverZuperChange(stack, { event: 'product.update_stock', productUid: zuperUid });
        await eventually(
          () => settledBase(stack, qboItemId),
          (b) => b === 7,
        );
      });
    } finally {
      await restarted.close();
    }
    assert.equal(stack.qboQty(qboItemId), 7, 'QBO moved once, not twice');
    assert.equal(stack.zuperQty(zuperUid), 7);
    assert.deepEqual(await movementsOf(stack, qboItemId), [['accounting', -5]]);
    assert.equal((await stack.store.links.get(stack.connectionId, qboItemId))?.pendingSettle, null);
  });
});
