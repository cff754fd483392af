import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LinkActionResult } from '../../activities/catalog/link-catalog.js';
import type { DriftOutcome } from '../../activities/reconcile/settle-drifted.js';
import type { DriftedItem, DriftReport, DriftScan } from '../../domain/drift-report.js';
import type { StoredDriftedItem, StoredDriftReport } from '../../domain/recorded-shapes/drift-report.js';
import { adjustmentWatchWorkflow } from '../../workflows/adjustment-watch.js';
import { reconcileWorkflow } from '../../workflows/reconcile.js';
import { SyncOutcomeKey } from '../../workflows/search-attributes.js';
import { eventually } from '../support/eventually.js';
import { startWorkflowHarness, uniqueId, type WorkflowHarness } from './harness.js';

const drifted = (accountingItemId: string, accounting: number): DriftedItem => ({
  accountingItemId,
  fieldItemId: `p${accountingItemId}`,
  quantities: { base: 5, accounting, field: 5 },
  linkVersion: 1,
});

const scan = (more: Partial<DriftScan>): DriftScan => ({
  checked: 40,
  drifted: [],
  definitionChanged: [],
  missing: [],
  unlinkedReportId: null,
  unlinkedActions: 0,
  accountingCatalogReadAt: '2026-12-01T00:00:00.000Z',
  systems: { accounting: 'qbd', field: 'zuper' },
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
                { side: 'accounting', id: '8' },
                { side: 'accounting', id: '9' },
              ],
              unlinkedReportId: 12,
              unlinkedActions: 30,
            }),
          ),
        settleDrifted: (input: { items: StoredDriftedItem[] }) => {
          assert.deepEqual(input.items, items);
          return Promise.resolve(outcomes);
        },
        requestItemSync: (input: { side?: string; id: string }) =>
          Promise.resolve(void itemSyncs.push(`${input.side}:${input.id}`)),
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
        recordDriftReport: (input: { report: StoredDriftReport }) =>
          Promise.resolve(recorded.push(input.report as DriftReport)),
      },
      (taskQueue) =>
        harness.client.workflow.execute(reconcileWorkflow, { workflowId, taskQueue, args: [{ connectionId: 'c1' }] }),
    );
    assert.deepEqual(itemSyncs, ['accounting:8', 'accounting:9']);
    assert.deepEqual(chunks, [
      [0, 25],
      [25, 30],
    ]);
    assert.deepEqual(finished, [{ reportId: 12, failed: 1 }]);
    assert.deepEqual(report.items[0], {
      accountingItemId: '1',
      fieldItemId: 'p1',
      quantities: { base: 5, accounting: 7, field: 5 },
      cause: 'QuickBooks Desktop changed by 2 without a sync (the change was missed or heard of late)',
      status: 'corrected',
      moved: { accounting: 0, field: 2 },
    });
    assert.equal(report.items[1]?.explanation, 'Zuper refused it');
    assert.deepEqual(
      { ...report, items: report.items.map((i) => [i.accountingItemId, i.status]) },
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
        accountingCatalogReadAt: '2026-12-01T00:00:00.000Z',
      },
    );
    assert.deepEqual(recorded, [report]);
    const described = await harness.client.workflow.getHandle(workflowId).describe();
    assert.equal(described.typedSearchAttributes.get(SyncOutcomeKey), 'needs_attention');
  });

  void it('a scan and outcomes in the shape recorded before the sides were named report by side', async () => {
    // As a scan answered by a worker of the older version (in a history, or before an upgrade) names them.
    const olderItem = { qboItemId: '4', zuperProductUid: 'p4', base: 5, qbo: 5, zuper: 2, linkVersion: 3 };
    const olderScan = {
      checked: 2,
      drifted: [olderItem],
      definitionChanged: [{ system: 'zuper', id: 'p6' }],
      missing: [{ qboItemId: '5', zuperProductUid: 'p5', side: 'zuper' }],
      unlinkedReportId: null,
      unlinkedActions: 0,
      qboCatalogReadAt: null,
    };
    const itemSyncs: unknown[] = [];
    const recorded: StoredDriftReport[] = [];
    const report = await harness.withWorker(
      {
        scanDrift: () => Promise.resolve(olderScan as unknown as DriftScan),
        settleDrifted: (input: { items: StoredDriftedItem[] }) => {
          assert.deepEqual(input.items, [
            {
              accountingItemId: '4',
              fieldItemId: 'p4',
              quantities: { base: 5, accounting: 5, field: 2 },
              linkVersion: 3,
            },
          ]);
          const outcome = { item: olderItem, result: { status: 'in-sync', qbo: 5, zuper: 5, base: 5 } };
          return Promise.resolve([outcome] as unknown as DriftOutcome[]);
        },
        requestItemSync: (input: unknown) => Promise.resolve(void itemSyncs.push(input)),
        recordDriftReport: (input: { report: StoredDriftReport }) => Promise.resolve(recorded.push(input.report)),
      },
      (taskQueue) =>
        harness.client.workflow.execute(reconcileWorkflow, {
          workflowId: uniqueId('reconcile-older-scan'),
          taskQueue,
          args: [{ connectionId: 'c1' }],
        }),
    );
    assert.deepEqual(itemSyncs, [{ connectionId: 'c1', system: 'zuper', id: 'p6' }]);
    assert.deepEqual(report, {
      checked: 2,
      drifted: 1,
      corrected: 0,
      failed: 0,
      definitionsSynced: 1,
      linked: 0,
      missing: [{ accountingItemId: '5', fieldItemId: 'p5', side: 'field' }],
      items: [
        {
          accountingItemId: '4',
          fieldItemId: 'p4',
          quantities: { base: 5, accounting: 5, field: 2 },
          cause: 'the field system changed by -3 without a sync (the change was missed or heard of late)',
          status: 'in-sync',
        },
      ],
      accountingCatalogReadAt: null,
    });
    assert.deepEqual(recorded, [report]);
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
