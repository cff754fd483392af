import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LinkActionResult } from '../../activities/catalog/link-catalog.js';
import type { DriftOutcome } from '../../activities/reconcile/settle-drifted.js';
import type { DriftedItem, DriftScan } from '../../activities/reconcile/scan-drift.js';
import type { DriftReport } from '../../domain/drift-report.js';
import { adjustmentWatchWorkflow } from '../../workflows/adjustment-watch.js';
import { reconcileWorkflow } from '../../workflows/reconcile.js';
import { SyncOutcomeKey } from '../../workflows/search-attributes.js';
import { eventually } from '../support/eventually.js';
import { startWorkflowHarness, uniqueId, type WorkflowHarness } from './harness.js';

const drifted = (qboItemId: string, qbo: number): DriftedItem => ({
  qboItemId,
  zuperProductUid: `p${qboItemId}`,
  base: 5,
  qbo,
  zuper: 5,
  linkVersion: 1,
});

const scan = (more: Partial<DriftScan>): DriftScan => ({
  checked: 40,
  drifted: [],
  definitionChanged: [],
  missing: [],
  unlinkedReportId: null,
  unlinkedActions: 0,
  qboCatalogReadAt: '2026-12-01T00:00:00.000Z',
  ...more,
});

void describe('reconcileWorkflow and adjustmentWatchWorkflow (stub activities)', { timeout: 60_000 }, () => {
  let harness: WorkflowHarness;
  before(async () => (harness = await startWorkflowHarness()));
  after(() => harness.teardown());

  void it('reconciliation settles what drifted, re-syncs changed definitions, links in chunks and reports each', async () => {
    const items = [drifted('1', 7), drifted('2', 3), drifted('3', 5)];
    const outcomes: DriftOutcome[] = [
      {
        item: items[0]!,
        result: {
          status: 'settled',
          outcome: {
            planId: 'pl',
            qboItemId: '1',
            zuperProductUid: 'p1',
            before: { base: 5, qbo: 7, zuper: 5 },
            after: { base: 7, qbo: 7, zuper: 7 },
            toQbo: 0,
            toZuper: 2,
          },
        },
      },
      {
        item: items[1]!,
        result: {
          status: 'failed',
          failure: { status: 'needs_attention', code: 'x', explanation: 'Zuper refused it', fix: null },
        },
      },
      { item: items[2]!, result: { status: 'in-sync', qbo: 5, zuper: 5, base: 5 } },
    ];
    const itemSyncs: string[] = [];
    const chunks: [number, number][] = [];
    const finished: { reportId: number; failed: number }[] = [];
    const recorded: DriftReport[] = [];
    const workflowId = uniqueId('reconcile');
    const report = await harness.withWorker(
      {
        scanDrift: () =>
          Promise.resolve(
            scan({
              drifted: items,
              definitionChanged: [
                { system: 'qbo', id: '8' },
                { system: 'qbo', id: '9' },
              ],
              unlinkedReportId: 12,
              unlinkedActions: 30,
            }),
          ),
        settleDrifted: (input: { items: DriftedItem[] }) => {
          assert.deepEqual(input.items, items);
          return Promise.resolve(outcomes);
        },
        requestItemSync: (input: { id: string }) => Promise.resolve(void itemSyncs.push(input.id)),
        applyLinkActions: (input: { from: number; to: number }): Promise<LinkActionResult[]> => {
          chunks.push([input.from, input.to]);
          const count = input.to - input.from;
          // One failure in the second chunk.
          return Promise.resolve(
            Array.from({ length: count }, (_, i) =>
              input.from > 0 && i === 0 ? { ok: false, error: 'refused' } : { ok: true },
            ) as LinkActionResult[],
          );
        },
        finishLinkReport: (input: { reportId: number; failed: number }) => Promise.resolve(void finished.push(input)),
        recordDriftReport: (input: { report: DriftReport }) => Promise.resolve(recorded.push(input.report)),
      },
      (taskQueue) =>
        harness.client.workflow.execute(reconcileWorkflow, { workflowId, taskQueue, args: [{ connectionId: 'c1' }] }),
    );
    assert.deepEqual(itemSyncs, ['8', '9']);
    assert.deepEqual(chunks, [
      [0, 25],
      [25, 30],
    ]);
    assert.deepEqual(finished, [{ reportId: 12, failed: 1 }]);
    assert.deepEqual(
      { ...report, items: report.items.map((i) => [i.qboItemId, i.status]) },
      {
        checked: 40,
        drifted: 3,
        corrected: 1,
        failed: 2,
        definitionsSynced: 2,
        linked: 29,
        missing: [],
        items: [
          ['1', 'corrected'],
          ['2', 'failed'],
          ['3', 'in-sync'],
        ],
        qboCatalogReadAt: '2026-12-01T00:00:00.000Z',
      },
    );
    assert.deepEqual(recorded, [report]);
    const described = await harness.client.workflow.getHandle(workflowId).describe();
    assert.equal(described.typedSearchAttributes.get(SyncOutcomeKey), 'needs_attention');
  });

  void it('reconciliation of a catalog in sync settles and links nothing and succeeds', async () => {
    const called: string[] = [];
    const workflowId = uniqueId('reconcile-quiet');
    const report = await harness.withWorker(
      {
        scanDrift: () => Promise.resolve(scan({})),
        settleDrifted: () => Promise.resolve(void called.push('settleDrifted')).then(() => []),
        applyLinkActions: () => Promise.resolve(void called.push('applyLinkActions')).then(() => []),
        recordDriftReport: () => Promise.resolve(1),
      },
      (taskQueue) =>
        harness.client.workflow.execute(reconcileWorkflow, { workflowId, taskQueue, args: [{ connectionId: 'c1' }] }),
    );
    assert.deepEqual(called, []);
    assert.equal(report.corrected + report.failed + report.drifted + report.linked, 0);
    const described = await harness.client.workflow.getHandle(workflowId).describe();
    assert.equal(described.typedSearchAttributes.get(SyncOutcomeKey), 'succeeded');
  });

  void it('the quantity watch polls its connection again and again at the paced interval', async () => {
    const polls: number[] = [];
    await harness.withWorker(
      {
        watchUnannouncedChanges: (connectionId: string) => {
          assert.equal(connectionId, 'c1');
          polls.push(Date.now());
          return Promise.resolve({ adjustments: polls.length === 1 ? 1 : 0, settled: [] });
        },
      },
      async (taskQueue) => {
        const handle = await harness.client.workflow.start(adjustmentWatchWorkflow, {
          workflowId: uniqueId('watch'),
          taskQueue,
          args: [{ connectionId: 'c1', pacing: { activeMs: 50, idleMs: 200, monthlyReadBudget: 1e9 } }],
        });
        try {
          await eventually(
            () => polls.length,
            (n) => n >= 4,
            10_000,
          );
        } finally {
          await handle.terminate('test over');
        }
      },
    );
    // After a poll that found an adjustment the next comes at the active interval; idle ones wait longer.
    const gaps = polls.slice(1).map((at, i) => at - polls[i]!);
    assert.ok(gaps[0]! >= 50, `first gap ${gaps[0]}`);
    assert.ok(gaps[1]! >= 75, `second gap ${gaps[1]}`);
  });
});
