import type { ActivityDeps } from '../deps.js';
import { metrics } from '../../observability/metrics.js';
import type { DriftReport } from '../../domain/drift-report.js';

/**
 * Stores a reconciliation's drift report in the history (the CLI shows it) and counts corrected drift. A run that
 * read QuickBooks' whole catalog counts as its daily read only now that everything it found was settled.
 */
export async function recordDriftReport(
  deps: ActivityDeps,
  input: { connectionId: string; workflowId: string; runId: string; report: DriftReport },
): Promise<number> {
  const { report } = input;
  metrics.driftCorrected.inc({ connection: input.connectionId }, report.corrected);
  if (report.qboCatalogReadAt)
    await deps.store.qboCatalogReads.recordRead(input.connectionId, new Date(report.qboCatalogReadAt));
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
