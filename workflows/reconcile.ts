import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { driftCause, type DriftReport, type DriftReportItem } from '../domain/drift-report.js';
import { settleOutcomeOf, type SettleOutcome } from '../domain/settle-plan.js';
import { apiActivityOptions, bulkActivityOptions } from './activity-options.js';
import { SyncOutcomeKey } from './search-attributes.js';

const bulk = proxyActivities<Activities>(bulkActivityOptions);
const activities = proxyActivities<Activities>(apiActivityOptions);

export interface ReconcileInput {
  connectionId: string;
  /** Started by the schedule: QuickBooks' whole catalog is read only once a day (docs/adr/0010). */
  scheduled?: boolean;
}

/** Items listed in the workflow result; the full list is in the history. */
const REPORTED_ITEMS = 200;

/**
 * Self-healing reconciliation: reads both catalogs in bulk (no change window, so any outage length is covered),
 * settles every linked item that drifted from its base, re-syncs changed master definitions and links or creates
 * unlinked master items. Scheduled runs between the daily QuickBooks catalog read check Zuper only.
 */
export async function reconcileWorkflow(input: ReconcileInput): Promise<DriftReport> {
  const { workflowId, runId } = workflowInfo();
  const scan = await bulk.scanDrift({
    connectionId: input.connectionId,
    workflowId,
    runId,
    scheduled: input.scheduled === true,
    at: new Date().toISOString(),
  });
  const outcomes = scan.drifted.length
    ? await bulk.settleDrifted({ connectionId: input.connectionId, reconcileRunId: runId, items: scan.drifted })
    : [];
  for (const change of scan.definitionChanged) {
    await activities.requestItemSync({ connectionId: input.connectionId, system: change.system, id: change.id });
  }
  let linkFailures = 0;
  if (scan.unlinkedReportId !== null) {
    for (let from = 0; from < scan.unlinkedActions; from += 25) {
      const results = await activities.applyLinkActions({
        connectionId: input.connectionId,
        reportId: scan.unlinkedReportId,
        from,
        to: Math.min(scan.unlinkedActions, from + 25),
      });
      linkFailures += results.filter((r) => !r.ok).length;
    }
    await activities.finishLinkReport({ reportId: scan.unlinkedReportId, failed: linkFailures });
  }
  const items: DriftReportItem[] = outcomes.map(({ item, result }) => ({
    qboItemId: item.qboItemId,
    zuperProductUid: item.zuperProductUid,
    base: item.base,
    qbo: item.qbo,
    zuper: item.zuper,
    cause: driftCause(item),
    ...(result.status === 'settled'
      ? { status: 'corrected' as const, ...movedOf(settleOutcomeOf(result.outcome)) }
      : result.status === 'failed'
        ? { status: 'failed' as const, explanation: result.failure.explanation }
        : { status: 'in-sync' as const }),
  }));
  const report: DriftReport = {
    checked: scan.checked,
    drifted: scan.drifted.length,
    corrected: items.filter((i) => i.status === 'corrected').length,
    failed: items.filter((i) => i.status === 'failed').length + linkFailures,
    definitionsSynced: scan.definitionChanged.length,
    linked: scan.unlinkedActions - linkFailures,
    missing: scan.missing,
    items,
    // Absent from scans recorded before scheduled runs could skip QuickBooks.
    qboCatalogReadAt: scan.qboCatalogReadAt ?? null,
  };
  await activities.recordDriftReport({ connectionId: input.connectionId, workflowId, runId, report });
  upsertSearchAttributes([{ key: SyncOutcomeKey, value: report.failed > 0 ? 'needs_attention' : 'succeeded' }]);
  return { ...report, items: items.slice(0, REPORTED_ITEMS) };
}

/** The drift report's movements, from an outcome recorded in either shape. */
const movedOf = ({ moved }: SettleOutcome) => ({ toQbo: moved.accounting, toZuper: moved.field });
