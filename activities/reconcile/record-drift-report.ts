import type { ActivityDeps } from '../deps.js';
import { metrics } from '../../observability/metrics.js';
import { driftReportOf, type StoredDriftReport } from '../../domain/recorded-shapes/drift-report.js';

/**
 * Stores a reconciliation's drift report in the history (the CLI shows it) and counts corrected drift. A run that
 * read the accounting side's whole catalog counts as its read (daily where reads are metered) only now that everything it found
 * was settled. A task scheduled before the side-neutral report carries the older shape, stored as the current one.
 */
export async function recordDriftReport(
  deps: ActivityDeps,
  input: { connectionId: string; workflowId: string; runId: string; report: StoredDriftReport },
): Promise<number> {
  const report = driftReportOf(input.report);
  metrics.driftCorrected.inc({ connection: input.connectionId }, report.corrected);
  if (report.accountingCatalogReadAt)
    await deps.store.accountingCatalogReads.recordRead(input.connectionId, new Date(report.accountingCatalogReadAt));
  return deps.store.history.record({
    dedupeKey: `${input.workflowId}:${input.runId}:reconcile`,
    connectionId: input.connectionId,
    kind: 'reconcile',
    status: report.failed > 0 || report.missing.length > 0 ? 'needs_attention' : 'succeeded',
    workflowId: input.workflowId,
    runId: input.runId,
    summary: `Checked ${report.checked} linked items: ${report.drifted} drifted, ${report.corrected} corrected, ${report.failed} failed; ${report.definitionsSynced} definitions and ${report.linked} unlinked items synced`,
    details: report,
    ...(report.failed > 0 || report.missing.length > 0
      ? {
          explanation: 'Some items could not be reconciled; see the items listed.',
          fix: 'Fix each cause shown, then `qzsync retry` or wait for the next reconciliation.',
        }
      : {}),
  });
}
