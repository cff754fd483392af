import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import type {
  ApplyMovementInput,
  CommitSettleInput,
  PlanSettleInput,
  PlanSettleResult,
  RecordFailureInput,
} from '../../activities/quantity/types.js';
import type { SettleOutcome, SettlePlan } from '../../domain/settle-plan.js';
import type { QuantitySnapshot } from '../../domain/settle-request.js';
import { NEEDS_ATTENTION } from '../../workflows/failure.js';
import {
  itemQuantityWorkflow,
  requestSettleSignal,
  settleNowUpdate,
  type ItemQuantityInput,
} from '../../workflows/item-quantity.js';
import { eventually } from '../support/eventually.js';
import { gatedStub, uniqueId, startWorkflowHarness, type WorkflowHarness } from './harness.js';

const inSync = (): PlanSettleResult => ({ kind: 'in-sync', accounting: 5, field: 5, base: 5 });

const input = (more: Partial<Pick<ItemQuantityInput, 'settlesPerRun'>> = {}): ItemQuantityInput => ({
  connectionId: 'c1',
  accountingItemId: '11',
  fieldItemId: 'p11',
  idleTimeoutMs: 300,
  ...more,
});

/** How runs started before the side-neutral settle name the item. */
const inputBeforeSides = (more: Partial<Pick<ItemQuantityInput, 'settlesPerRun'>> = {}): ItemQuantityInput => ({
  connectionId: 'c1',
  qboItemId: '11',
  zuperProductUid: 'p11',
  idleTimeoutMs: 300,
  ...more,
});

const plan = (toAccounting: number, toField: number): SettlePlan => ({
  id: 'plan-1',
  connectionId: 'c1',
  accountingItemId: '11',
  fieldItemId: 'p11',
  linkVersion: 3,
  base: 5,
  newBase: 5,
  accounting: { seen: 5 - toAccounting, move: toAccounting, movementId: 'ma' },
  field: { seen: 5 - toField, move: toField, movementId: 'mf' },
  reason: 'test',
  plannedAt: '2026-01-01T00:00:00.000Z',
});

const outcomeOf = ({ plan }: CommitSettleInput): SettleOutcome => ({
  planId: plan.id,
  accountingItemId: plan.accountingItemId,
  fieldItemId: plan.fieldItemId,
  before: { base: plan.base, accounting: plan.accounting.seen, field: plan.field.seen },
  after: { base: plan.newBase, accounting: plan.newBase, field: plan.newBase },
  moved: { accounting: plan.accounting.move, field: plan.field.move },
});

const coalesceId = uniqueId('coalesce');
const originId = uniqueId('origin');
const carryId = uniqueId('carry');
const drainId = uniqueId('drain');
const settleId = uniqueId('settle');
const failsId = uniqueId('fails');
const olderShapesId = uniqueId('older-shapes');
void describe('itemQuantityWorkflow (stub activities)', { timeout: 60_000 }, () => {
  let harness: WorkflowHarness;
  before(async () => (harness = await startWorkflowHarness()));
  after(() => harness.teardown());

  void it('coalesces the requests that arrive during a settle into one pass naming every reason', async () => {
    const planSettle = gatedStub((_: PlanSettleInput) => inSync());
    await harness.withWorker({ planSettle: planSettle.fn }, async (taskQueue) => {
      const handle = await harness.client.workflow.signalWithStart(itemQuantityWorkflow, {
        workflowId: coalesceId,
        taskQueue,
        args: [input()],
        signal: requestSettleSignal,
        signalArgs: [{ reason: 'a' }],
      });
      await planSettle.called(1);
      for (const reason of ['b', 'c', 'b']) await handle.signal(requestSettleSignal, { reason });
      planSettle.release();
      await planSettle.called(2);
      planSettle.release();
      const state = await handle.result();
      assert.deepEqual(
        planSettle.calls.map(([call]) => call.reason),
        ['a', 'b; c'],
      );
      assert.deepEqual(state, {
        queued: 0,
        settles: 2,
        lastResult: { status: 'in-sync', accounting: 5, field: 5, base: 5 },
      });
    });
  });

  void it('reads only the side that changed when every request of a pass names it, both otherwise', async () => {
    const planSettle = gatedStub((_: PlanSettleInput) => inSync());
    await harness.withWorker({ planSettle: planSettle.fn }, async (taskQueue) => {
      const handle = await harness.client.workflow.signalWithStart(itemQuantityWorkflow, {
        workflowId: originId,
        taskQueue,
        args: [input()],
        signal: requestSettleSignal,
        signalArgs: [{ reason: 'consumed in the field', origin: 'field' }],
      });
      await planSettle.called(1);
      await handle.signal(requestSettleSignal, { reason: 'sold', origin: 'accounting' });
      await handle.signal(requestSettleSignal, { reason: 'consumed again', origin: 'field' });
      planSettle.release();
      await planSettle.called(2);
      await handle.signal(requestSettleSignal, { reason: 'adjusted', origin: 'accounting' });
      planSettle.release();
      await planSettle.called(3);
      await handle.signal(requestSettleSignal, { reason: 'retry' });
      planSettle.release();
      await planSettle.called(4);
      planSettle.release();
      await handle.result();
      assert.deepEqual(
        planSettle.calls.map(([call]) => [call.reason, call.readOnly ?? 'both']),
        [
          ['consumed in the field', 'field'],
          ['sold; consumed again', 'both'],
          ['adjusted', 'accounting'],
          ['retry', 'both'],
        ],
      );
    });
  });

  void it('asks the plan step to write a one-sided plan and commits its reference, scheduling no apply', async () => {
    const asked: PlanSettleInput[] = [];
    const commits: CommitSettleInput[] = [];
    const moves: ApplyMovementInput[] = [];
    await harness.withWorker(
      {
        planSettle: (planInput: PlanSettleInput) => {
          asked.push(planInput);
          const applied = { side: 'field' as const, ref: 'zuper-movement-4' };
          return Promise.resolve({ kind: 'plan', plan: plan(0, 3), resumed: false, applied });
        },
        applyMovement: (move: ApplyMovementInput) => Promise.resolve(void moves.push(move)).then(() => 'never asked'),
        commitSettle: (commit: CommitSettleInput) =>
          Promise.resolve(void commits.push(commit)).then(() => outcomeOf(commit)),
      },
      async (taskQueue) => {
        const handle = await harness.client.workflow.start(itemQuantityWorkflow, {
          workflowId: uniqueId('one-sided'),
          taskQueue,
          args: [input()],
        });
        const result = await handle.executeUpdate(settleNowUpdate, {
          args: [{ reason: 'a QuickBooks sale', origin: 'accounting' }],
        });
        assert.deepEqual(
          asked.map((a) => [a.readOnly, a.applyOneSided]),
          [['accounting', true]],
        );
        assert.deepEqual(moves, [], 'no applyMovement task');
        assert.deepEqual(commits[0]?.refs, { accounting: null, field: 'zuper-movement-4' });
        assert.deepEqual(result, { status: 'settled', outcome: outcomeOf(commits[0]) });
      },
    );
  });

  void it('moves only the side that needs it and commits the references', async () => {
    const commits: CommitSettleInput[] = [];
    const moves: ApplyMovementInput[] = [];
    await harness.withWorker(
      {
        planSettle: () => Promise.resolve({ kind: 'plan', plan: plan(-2, 0), resumed: false }),
        applyMovement: (move: ApplyMovementInput) => {
          moves.push(move);
          return Promise.resolve(move.side === 'accounting' ? 'qbo-adjustment-9' : 'never asked for');
        },
        commitSettle: (commit: CommitSettleInput) =>
          Promise.resolve(void commits.push(commit)).then(() => outcomeOf(commit)),
      },
      async (taskQueue) => {
        const handle = await harness.client.workflow.start(itemQuantityWorkflow, {
          workflowId: settleId,
          taskQueue,
          args: [input()],
        });
        const result = await handle.executeUpdate(settleNowUpdate, { args: [{ reason: 'drift' }] });
        assert.deepEqual(
          moves.map((m) => [m.side, m.plan[m.side].move, m.resumed]),
          [['accounting', -2, false]],
        );
        assert.deepEqual(commits[0]?.refs, { accounting: 'qbo-adjustment-9', field: null });
        assert.deepEqual(result, { status: 'settled', outcome: outcomeOf(commits[0]) });
        assert.equal((await handle.result()).settles, 1);
      },
    );
  });

  void it('continues as new after settlesPerRun passes and carries the requests still queued', async () => {
    const planSettle = gatedStub((_: PlanSettleInput) => inSync());
    await harness.withWorker({ planSettle: planSettle.fn }, async (taskQueue) => {
      // Started as a run from before the side-neutral settle: both runs settle the item by its accounting id.
      const first = await harness.client.workflow.signalWithStart(itemQuantityWorkflow, {
        workflowId: carryId,
        taskQueue,
        args: [inputBeforeSides({ settlesPerRun: 1 })],
        signal: requestSettleSignal,
        signalArgs: [{ reason: 'first' }],
      });
      await planSettle.called(1);
      await first.signal(requestSettleSignal, { reason: 'queued during the first pass' });
      planSettle.release();
      await planSettle.called(2);
      planSettle.release();
      const latest = harness.client.workflow.getHandle(carryId);
      await latest.result();
      assert.deepEqual(
        planSettle.calls.map(([call]) => [call.reason, 'accountingItemId' in call ? call.accountingItemId : null]),
        [
          ['first', '11'],
          ['queued during the first pass', '11'],
        ],
      );
      const firstRun = await harness.client.workflow.getHandle(carryId, first.signaledRunId).fetchHistory();
      assert.ok(firstRun.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes);
      assert.notEqual((await latest.describe()).runId, first.signaledRunId);
    });
  });

  void it('answers a settleNow update that arrives during the last pass before continuing as new', async () => {
    const planSettle = gatedStub((_: PlanSettleInput) => inSync());
    await harness.withWorker({ planSettle: planSettle.fn }, async (taskQueue) => {
      const first = await harness.client.workflow.signalWithStart(itemQuantityWorkflow, {
        workflowId: drainId,
        taskQueue,
        args: [input({ settlesPerRun: 1 })],
        signal: requestSettleSignal,
        signalArgs: [{ reason: 'first' }],
      });
      await planSettle.called(1);
      const answer = first.executeUpdate(settleNowUpdate, { args: [{ reason: 'reconciliation' }] });
      await eventually(
        async () => (await first.fetchHistory()).events ?? [],
        (events) => events.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes),
      );
      planSettle.release();
      await planSettle.called(2);
      planSettle.release();
      assert.deepEqual(await answer, { status: 'in-sync', accounting: 5, field: 5, base: 5 });
      assert.deepEqual(
        planSettle.calls.map(([call]) => call.reason),
        ['first', 'reconciliation'],
      );
      await harness.client.workflow.getHandle(drainId).result();
    });
  });

  void it('answers by side when planSettle answered in the older shape, and hands an older snapshot on', async () => {
    // An in-sync answer as histories recorded it before the side-neutral result.
    const older = { kind: 'in-sync', qbo: 4, zuper: null, base: 4 } as unknown as PlanSettleResult;
    const planSettle = gatedStub((_: PlanSettleInput) => older);
    await harness.withWorker({ planSettle: planSettle.fn }, async (taskQueue) => {
      // A request as reconciliation sent it before the side-neutral request.
      const snapshot = { qbo: 6, zuper: 4, linkVersion: 3 } as unknown as QuantitySnapshot;
      const handle = await harness.client.workflow.signalWithStart(itemQuantityWorkflow, {
        workflowId: olderShapesId,
        taskQueue,
        args: [input()],
        signal: requestSettleSignal,
        signalArgs: [{ reason: 'reconciliation', snapshot }],
      });
      await planSettle.called(1);
      planSettle.release();
      const state = await handle.result();
      assert.deepEqual(state.lastResult, { status: 'in-sync', accounting: 4, field: null, base: 4 });
      assert.deepEqual(planSettle.calls[0]?.[0].snapshot, { qbo: 6, zuper: 4, linkVersion: 3 });
    });
  });

  void it('records a failure that needs a person and keeps serving the item', async () => {
    const recorded: RecordFailureInput[] = [];
    await harness.withWorker(
      {
        planSettle: () =>
          Promise.reject(
            ApplicationFailure.create({
              type: NEEDS_ATTENTION,
              nonRetryable: true,
              message: 'deleted',
              details: [
                { code: 'zuper-product-deleted', explanation: 'The Zuper product was deleted.', fix: 'Relink.' },
              ],
            }),
          ),
        recordSyncFailure: (failure: RecordFailureInput) => Promise.resolve(void recorded.push(failure)),
      },
      async (taskQueue) => {
        const handle = await harness.client.workflow.start(itemQuantityWorkflow, {
          workflowId: failsId,
          taskQueue,
          args: [input()],
        });
        const failure = {
          status: 'needs_attention',
          code: 'zuper-product-deleted',
          explanation: 'The Zuper product was deleted.',
          fix: 'Relink.',
        } as const;
        assert.deepEqual(await handle.executeUpdate(settleNowUpdate, { args: [{ reason: 'x' }] }), {
          status: 'failed',
          failure,
        });
        assert.deepEqual(await handle.executeUpdate(settleNowUpdate, { args: [{ reason: 'y' }] }), {
          status: 'failed',
          failure,
        });
        assert.equal(recorded.length, 2);
        assert.deepEqual(
          { ...recorded[0], workflowId: undefined, runId: undefined },
          {
            connectionId: 'c1',
            accountingItemId: '11',
            fieldItemId: 'p11',
            kind: 'quantity',
            workflowId: undefined,
            runId: undefined,
            ...failure,
          },
        );
      },
    );
  });
});
