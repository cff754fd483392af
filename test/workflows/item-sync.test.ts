import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import type { SyncItemInput, SyncItemResult } from '../../activities/catalog/sync-item.js';
import type { RecordFailureInput } from '../../activities/quantity/types.js';
import { NEEDS_ATTENTION } from '../../workflows/failure.js';
import { itemSyncWorkflow, requestItemSyncSignal, type ItemSyncInput } from '../../workflows/item-sync.js';
import { eventually } from '../support/eventually.js';
import { gatedStub, uniqueId, startWorkflowHarness, type WorkflowHarness } from './harness.js';

const synced = (input: SyncItemInput): SyncItemResult => ({
  outcome: 'updated',
  qboItemId: input.id,
  zuperProductUid: null,
  changed: ['Name'],
  summary: 'renamed',
});

const input = (id: string, more: Partial<ItemSyncInput> = {}): ItemSyncInput => ({
  connectionId: 'c1',
  system: 'qbo',
  id,
  idleTimeoutMs: 300,
  ...more,
});

const coalesceId = uniqueId('coalesce');
const boundIdleId = uniqueId('bound-idle');
const boundPendingId = uniqueId('bound-pending');
const failsId = uniqueId('fails');
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
          args: [input('10', { system: 'zuper' })],
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
