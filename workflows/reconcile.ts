import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { driftCause, unnamedSides, type DriftReport, type DriftReportItem } from '../domain/drift-report.js';
import { driftedItemOf, driftScanOf } from '../domain/recorded-shapes/drift-report.js';
import { systemLabel } from '../domain/systems.js';
import { settleOutcomeOf } from '../domain/recorded-shapes/settle-plan.js';
import { apiActivityOptions, bulkActivityOptions } from './activity-options.js';
import { SyncOutcomeKey } from './search-attributes.js';

const bulk = proxyActivities<Activities>(bulkActivityOptions);
const activities = proxyActivities<Activities>(apiActivityOptions);

export interface ReconcileInput {
  connectionId: string;
  /** Started by the schedule: the accounting side's whole catalog is read only as often as it allows (docs/adr/0010). */
  scheduled?: boolean;
}

/** Items listed in the workflow result; the full list is in the history. */
const REPORTED_ITEMS = 200;

/**
 * Self-healing reconciliation: reads both catalogs in bulk (no change window, so any outage length is covered),
 * settles every linked item that drifted from its base, re-syncs changed master definitions and links or creates
 * unlinked master items. Scheduled runs between the accounting side's whole-catalog reads check the field side only.
 */
export async function reconcileWorkflow(input: ReconcileInput): Promise<DriftReport> {
  const { workflowId, runId } = workflowInfo();
  // Scans and outcomes recorded before the side-neutral report name ids and quantities after the vendors.
  const scan = driftScanOf(
    await bulk.scanDrift({
      connectionId: input.connectionId,
      workflowId,
      runId,
      scheduled: input.scheduled === true,
      at: new Date().toISOString(),
    }),
  );
  const outcomes = scan.drifted.length
    ? await bulk.settleDrifted({ connectionId: input.connectionId, reconcileRunId: runId, items: scan.drifted })
    : [];
  for (const change of scan.definitionChanged) {
    await activities.requestItemSync({ connectionId: input.connectionId, ...change });
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
  const systems = scan.systems
    ? { accounting: systemLabel(scan.systems.accounting), field: systemLabel(scan.systems.field) }
    : unnamedSides;
  const items: DriftReportItem[] = outcomes.map((outcome) => {
    const item = driftedItemOf(outcome.item);
    const { result } = outcome;
    return {
      accountingItemId: item.accountingItemId,
      fieldItemId: item.fieldItemId,
      quantities: item.quantities,
      cause: driftCause(item.quantities, systems),
      ...(result.status === 'settled'
        ? { status: 'corrected' as const, moved: settleOutcomeOf(result.outcome).moved }
        : result.status === 'failed'
          ? { status: 'failed' as const, explanation: result.failure.explanation }
          : { status: 'in-sync' as const }),
    };
  });
  const report: DriftReport = {
    checked: scan.checked,
    drifted: scan.drifted.length,
    corrected: items.filter((i) => i.status === 'corrected').length,
    failed: items.filter((i) => i.status === 'failed').length + linkFailures,
    definitionsSynced: scan.definitionChanged.length,
    linked: scan.unlinkedActions - linkFailures,
    missing: scan.missing,
    items,
    accountingCatalogReadAt: scan.accountingCatalogReadAt,
  };
  await activities.recordDriftReport({ connectionId: input.connectionId, workflowId, runId, report });
  upsertSearchAttributes([{ key: SyncOutcomeKey, value: report.failed > 0 ? 'needs_attention' : 'succeeded' }]);
  return { ...report, items: items.slice(0, REPORTED_ITEMS) };
}
