import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import type { SyncItemInput, SyncItemResult } from '../../activities/catalog/sync-item.js';
import type { RecordFailureInput } from '../../activities/quantity/types.js';
import { NEEDS_ATTENTION } from '../../workflows/failure.js';
import { itemSyncWorkflow, requestItemSyncSignal, type ItemSyncInput } from '../../workflows/item-sync.js';
import { eventually } from '../support/eventually.js';
import { gatedStub, uniqueId, startWorkflowHarness, type WorkflowHarness } from './harness.js';
import { itemSyncTargetOf } from '../../domain/recorded-shapes/item-sync-target.js';
import type { Side } from '../../domain/sides.js';
import { requestItemSync } from '../../client/item-sync.js';
import { itemSyncWorkflowId } from '../../client/workflow-ids.js';
import { olderItemSyncWorkflowId } from '../../client/recorded-workflow-ids.js';

const synced = (input: SyncItemInput): SyncItemResult => ({
  outcome: 'updated',
  accountingItemId: itemSyncTargetOf(input).itemId,
  fieldItemId: null,
  changed: ['Name'],
  summary: 'renamed',
});

const input = (
  itemId: string,
  more: { side?: Side; idleTimeoutMs?: number; syncsPerRun?: number } = {},
): ItemSyncInput => ({
  connectionId: 'c1',
  side: 'accounting',
  itemId,
  idleTimeoutMs: 300,
  ...more,
});

const coalesceId = uniqueId('coalesce');
const boundIdleId = uniqueId('bound-idle');
const boundPendingId = uniqueId('bound-pending');
const failsId = uniqueId('fails');
const olderInputId = uniqueId('older-input');
void describe('itemSyncWorkflow (stub activities)', { timeout: 60_000 }, () => {
  let harness: WorkflowHarness;
  before(async () => (harness = await startWorkflowHarness()));
  after(() => harness.teardown());

  void it('coalesces the changes that arrive during a sync into one more sync', async () => {
    const syncItem = gatedStub(synced);
    await harness.withWorker({ syncItem: syncItem.fn }, async (taskQueue) => {
      const handle = await harness.client.workflow.start(itemSyncWorkflow, {
        workflowId: coalesceId,
        taskQueue,
        args: [input('7')],
      });
      await syncItem.called(1);
      for (let i = 0; i < 3; i++) await handle.signal(requestItemSyncSignal);
      syncItem.release();
      await syncItem.called(2);
      syncItem.release();
      const result = await handle.result();
      assert.equal(syncItem.calls.length, 2);
      assert.deepEqual(result, {
        status: 'synced',
        results: [synced(syncItem.calls[0]![0]), synced(syncItem.calls[1]![0])],
      });
    });
  });

  void it('continues as new after syncsPerRun syncs and carries a change that arrived meanwhile', async () => {
    const syncItem = gatedStub(synced);
    await harness.withWorker({ syncItem: syncItem.fn }, async (taskQueue) => {
      const first = await harness.client.workflow.start(itemSyncWorkflow, {
        workflowId: boundPendingId,
        taskQueue,
        args: [input('8', { syncsPerRun: 2 })],
      });
      for (let sync = 1; sync <= 3; sync++) {
        await syncItem.called(sync);
        // Each change lands while a sync runs; the one during the second sync must survive the continue-as-new.
        if (sync < 3) await first.signal(requestItemSyncSignal);
        syncItem.release();
      }
      const latest = harness.client.workflow.getHandle<typeof itemSyncWorkflow>(boundPendingId);
      const result = await latest.result();
      const runs = syncItem.calls.map(([call]) => call.runId);
      assert.equal(runs.length, 3);
      assert.equal(runs[0], first.firstExecutionRunId);
      assert.equal(runs[1], runs[0], 'the coalesced change synced in the same run');
      assert.notEqual(runs[2], runs[0], 'the third sync ran after continue-as-new');
      assert.deepEqual(result, { status: 'synced', results: [synced(syncItem.calls[2]![0])] });
      const firstHistory = await harness.client.workflow.getHandle(boundPendingId, runs[0]).fetchHistory();
      const last = firstHistory.events?.at(-1);
      assert.ok(last?.workflowExecutionContinuedAsNewEventAttributes, 'the first run ended by continuing as new');
    });
  });

  void it('a run started with the older input (catalog and id) syncs the same item and continues with the current names', async () => {
    const syncItem = gatedStub(synced);
    await harness.withWorker({ syncItem: syncItem.fn }, async (taskQueue) => {
      const first = await harness.client.workflow.start(itemSyncWorkflow, {
        workflowId: olderInputId,
        taskQueue,
        args: [{ connectionId: 'c1', system: 'zuper', id: 'p11', idleTimeoutMs: 300, syncsPerRun: 1 }],
      });
      await syncItem.called(1);
      await first.signal(requestItemSyncSignal);
      syncItem.release();
      await syncItem.called(2);
      syncItem.release();
      await harness.client.workflow.getHandle<typeof itemSyncWorkflow>(olderInputId).result();
      const asked = syncItem.calls.map(([call]) => ({ ...call, workflowId: undefined, runId: undefined }));
      const current = { connectionId: 'c1', side: 'field', itemId: 'p11', workflowId: undefined, runId: undefined };
      assert.deepEqual(asked, [current, current], 'the sync is asked by side and id in both runs');
      const continued = (
        await harness.client.workflow.getHandle(olderInputId, first.firstExecutionRunId).fetchHistory()
      ).events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;
      assert.ok(continued, 'the first run continued as new');
      assert.notEqual(syncItem.calls[1]![0].runId, first.firstExecutionRunId);
    });
  });

  void it('asks for an item through its run under the older id while that runs, else under the current id', async () => {
    const syncItem = gatedStub(synced);
    const connectionId = uniqueId('ids');
    await harness.withWorker({ syncItem: syncItem.fn }, async (taskQueue) => {
      const target = { client: harness.client, taskQueue, itemIdleTimeoutMs: 300 };
      const olderId = olderItemSyncWorkflowId(connectionId, 'accounting', '12');
      assert.equal(olderId, `item:${connectionId}:qbo-12`);
      const older = await harness.client.workflow.start(itemSyncWorkflow, {
        workflowId: olderId,
        taskQueue,
        args: [{ connectionId, system: 'qbo', id: '12', idleTimeoutMs: 1000 }],
      });
      await syncItem.called(1);
      assert.equal(await requestItemSync(target, connectionId, 'accounting', '12'), olderId);
      syncItem.release();
      await syncItem.called(2);
      assert.equal(syncItem.calls[1]![0].workflowId, olderId, 'the change is synced by the running older run');
      syncItem.release();
      await older.result();

      const currentId = itemSyncWorkflowId(connectionId, 'accounting', '12');
      assert.equal(currentId, `item:${connectionId}:accounting-12`);
      assert.equal(await requestItemSync(target, connectionId, 'accounting', '12'), currentId);
      await syncItem.called(3);
      const [asked] = syncItem.calls[2]!;
      assert.deepEqual(
        { ...asked, runId: undefined },
        { connectionId, side: 'accounting', itemId: '12', workflowId: currentId, runId: undefined },
      );
      syncItem.release();
      await harness.client.workflow.getHandle(currentId).result();
      assert.equal(syncItem.calls.length, 3);
    });
  });

  void it('a continued run with nothing pending waits for the next change instead of syncing again', async () => {
    const syncItem = gatedStub(synced);
    await harness.withWorker({ syncItem: syncItem.fn }, async (taskQueue) => {
      const first = await harness.client.workflow.start(itemSyncWorkflow, {
        workflowId: boundIdleId,
        taskQueue,
        args: [input('9', { syncsPerRun: 1, idleTimeoutMs: 600_000 })],
      });
      await syncItem.called(1);
      syncItem.release();
      const handle = harness.client.workflow.getHandle(boundIdleId);
      const second = await eventually(
        async () => (await handle.describe()).runId,
        (runId) => runId !== first.firstExecutionRunId,
      );
      // The continued run waits for a change; it has scheduled no sync, only its idle timer.
      await eventually(
        async () => (await harness.client.workflow.getHandle(boundIdleId, second).fetchHistory()).events ?? [],
        (events) => events.some((e) => e.timerStartedEventAttributes),
      );
      assert.equal(syncItem.calls.length, 1);
      await handle.signal(requestItemSyncSignal);
      await syncItem.called(2);
      syncItem.release();
      assert.equal(syncItem.calls[1]![0].runId, second);
      // After that sync the run continues as new again and the next run waits idle: two syncs in all.
      const third = await eventually(
        async () => (await handle.describe()).runId,
        (runId) => runId !== second,
      );
      await eventually(
        async () => (await harness.client.workflow.getHandle(boundIdleId, third).fetchHistory()).events ?? [],
        (events) => events.some((e) => e.timerStartedEventAttributes),
      );
      assert.equal(syncItem.calls.length, 2);
      await handle.terminate('test done');
    });
  });

  void it('records a failure that needs a person and ends the run', async () => {
    const recorded: RecordFailureInput[] = [];
    await harness.withWorker(
      {
        syncItem: () =>
          Promise.reject(
            ApplicationFailure.create({
              type: NEEDS_ATTENTION,
              nonRetryable: true,
              message: 'name taken',
              details: [{ code: 'duplicate-name', explanation: 'The name is taken in Zuper.', fix: 'Rename it.' }],
            }),
          ),
        recordSyncFailure: (failure: RecordFailureInput) => Promise.resolve(void recorded.push(failure)),
      },
      async (taskQueue) => {
        const result = await harness.client.workflow.execute(itemSyncWorkflow, {
          workflowId: failsId,
          taskQueue,
          args: [input('10', { side: 'field' })],
        });
        const failure = {
          status: 'needs_attention',
          code: 'duplicate-name',
          explanation: 'The name is taken in Zuper.',
          fix: 'Rename it.',
        } as const;
        assert.deepEqual(result, { status: 'failed', failure });
        assert.equal(recorded.length, 1);
        assert.deepEqual(
          { ...recorded[0], workflowId: undefined, runId: undefined },
          {
            connectionId: 'c1',
            accountingItemId: '',
            fieldItemId: '10',
            kind: 'item',
            workflowId: undefined,
            runId: undefined,
            ...failure,
          },
        );
      },
    );
  });
});
