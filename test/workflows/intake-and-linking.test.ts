import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Activities } from '../../activities/index.js';
import type { LinkActionResult } from '../../activities/catalog/link-catalog.js';
import type { RouteResult } from '../../activities/routing/route-changed-items.js';
import type { SystemChange } from '../../domain/change-events.js';
import type { QboChange } from '../../integrations/qbo/announced-change.js';
import type { StoredDelivery } from '../../storage/repositories/webhook-deliveries.js';
import { INTAKE_ROUTING_FAILED, intakeBatchWorkflow } from '../../workflows/intake-batch.js';
import { linkCatalogWorkflow } from '../../workflows/link-catalog.js';
import { startWorkflowHarness, uniqueId, type WorkflowHarness } from './harness.js';

const movement = (deliveryId: string): StoredDelivery => ({
  deliveryId,
  connectionId: 'c1',
  source: 'zuper',
  change: { connectionId: 'c1', event: 'product.transcation_outward', productUid: null, invoiceUid: null },
});
const invoice = (deliveryId: string, entityId: string): StoredDelivery => ({
  deliveryId,
  connectionId: 'c1',
  source: 'qbo',
  change: { connectionId: 'c1', entity: 'Invoice', entityId, operation: 'Create' },
});

void describe('intakeBatchWorkflow and linkCatalogWorkflow (stub activities)', { timeout: 60_000 }, () => {
  let harness: WorkflowHarness;
  before(async () => (harness = await startWorkflowHarness()));
  after(() => harness.teardown());

  void it('routes every change, and a burst of movements costs one read of the movement list', async () => {
    const movementReads: string[] = [];
    const result = await harness.withWorker(
      {
        loadIntakeBatch: () => Promise.resolve([movement('m1'), invoice('q1', '71'), movement('m2'), movement('m3')]),
        routeChange: ({ system, change }: SystemChange): Promise<RouteResult> =>
          Promise.resolve(
            system === 'qbo'
              ? { settled: [`item-of-${(change as QboChange).entityId}`], unlinked: [] }
              : { settled: [], unlinked: [], movement: true },
          ),
        settleListedMovements: ({ connectionId, system }: { connectionId: string; system: string }) => {
          movementReads.push(`${system}:${connectionId}`);
          return Promise.resolve({ settled: ['5', 'item-of-71'], unlinked: ['p-x'] });
        },
      },
      (taskQueue) =>
        harness.client.workflow.execute(intakeBatchWorkflow, {
          workflowId: uniqueId('intake'),
          taskQueue,
          args: ['batch-1'],
        }),
    );
    assert.deepEqual(movementReads, ['zuper:c1']);
    assert.deepEqual(result, { deliveries: 4, settled: ['item-of-71', '5'], unlinked: ['p-x'] });
  });

  void it('loads and routes its deliveries in local activities: no task-queue round trip on the webhook path', async () => {
    const workflowId = uniqueId('intake-local');
    const loaded: string[] = [];
    await harness.withWorker(
      {
        loadIntakeBatch: (batchId: string) => {
          loaded.push(batchId);
          return Promise.resolve([invoice('q1', '71')]);
        },
        routeChange: () => Promise.resolve({ settled: ['71'], unlinked: [] }),
      },
      (taskQueue) =>
        harness.client.workflow.execute(intakeBatchWorkflow, { workflowId, taskQueue, args: ['batch-local'] }),
    );
    const events = (await harness.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const scheduled = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    assert.deepEqual(loaded, ['batch-local']);
    assert.deepEqual(scheduled, [], 'nothing goes through the task queue');
    const markers = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    assert.equal(markers.length, 2, 'the load and the route');
  });

  void it('a change that cannot be routed fails the batch naming it, after the others were routed', async () => {
    const routed: string[] = [];
    const failure = await harness
      .withWorker(
        {
          loadIntakeBatch: () => Promise.resolve([invoice('q1', '71'), invoice('q2', 'gone'), movement('m1')]),
          routeChange: ({ system, change }: SystemChange): Promise<RouteResult> => {
            if (system !== 'qbo') return Promise.resolve({ settled: [], unlinked: [], movement: true });
            const { entityId } = change as QboChange;
            if (entityId === 'gone') {
              return Promise.reject(ApplicationFailure.nonRetryable('QuickBooks is down', 'Unavailable'));
            }
            routed.push(entityId);
            return Promise.resolve({ settled: [entityId], unlinked: [] });
          },
          settleListedMovements: () =>
            Promise.reject(ApplicationFailure.nonRetryable('list unreadable', 'Unavailable')),
        },
        (taskQueue) =>
          harness.client.workflow.execute(intakeBatchWorkflow, {
            workflowId: uniqueId('intake-fails'),
            taskQueue,
            args: ['batch-2'],
          }),
      )
      .then(
        () => assert.fail('the batch succeeded'),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof WorkflowFailedError);
    const cause = failure.cause as ApplicationFailure;
    assert.equal(cause.type, INTAKE_ROUTING_FAILED);
    // The failed QBO change and the movement whose list read failed are named for the retry; q1 went through.
    assert.deepEqual(cause.details, [{ deliveryIds: ['q2', 'm1'] }]);
    assert.deepEqual(routed, ['71']);
  });

  /** Links with a stubbed plan of `actions` actions, really or as a dry run. */
  const link = (actions: number, dryRun: boolean, stubs: Partial<Activities>) =>
    harness.withWorker(
      {
        planCatalogLinking: () =>
          Promise.resolve({
            reportId: 9,
            actions,
            summary: { keep: 0, link: 0, create: actions, skip: 0, quantityChanges: 0 },
          }),
        ...stubs,
      },
      (taskQueue) =>
        harness.client.workflow.execute(linkCatalogWorkflow, {
          workflowId: uniqueId('link'),
          taskQueue,
          args: [{ connectionId: 'c1', dryRun }],
        }),
    );

  void it('carries out a linking plan in chunks and reports every failed action', async () => {
    const chunks: [number, number][] = [];
    const finished: { reportId: number; failed: number }[] = [];
    const result = await link(70, false, {
      applyLinkActions: ({ from, to }: { from: number; to: number }) => {
        chunks.push([from, to]);
        return Promise.resolve(
          Array.from({ length: to - from }, (_, i): LinkActionResult => {
            const action = { action: 'keep' as const, qboItemId: String(from + i), zuperProductUid: `p${from + i}` };
            return from + i === 55 ? { action, ok: false, error: 'name taken', fix: 'rename' } : { action, ok: true };
          }),
        );
      },
      finishLinkReport: (report: { reportId: number; failed: number }) => Promise.resolve(void finished.push(report)),
    });
    // 30 actions a chunk: a chunk's creates fit one QuickBooks batch.
    assert.deepEqual(chunks, [
      [0, 30],
      [30, 60],
      [60, 70],
    ]);
    assert.deepEqual(finished, [{ reportId: 9, failed: 1 }]);
    assert.deepEqual(result.failed, [
      { action: { action: 'keep', qboItemId: '55', zuperProductUid: 'p55' }, error: 'name taken', fix: 'rename' },
    ]);
  });

  void it('a dry run plans only', async () => {
    let applied = 0;
    const result = await link(4, true, {
      applyLinkActions: () => Promise.resolve(void applied++).then(() => []),
    });
    assert.equal(applied, 0);
    assert.deepEqual(result, {
      dryRun: true,
      reportId: 9,
      summary: { keep: 0, link: 0, create: 4, skip: 0, quantityChanges: 0 },
      failed: [],
    });
  });
});
