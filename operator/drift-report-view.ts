import type { AppContext } from '../service/context.js';
import { driftReportOf, type StoredDriftReport } from '../domain/recorded-shapes/drift-report.js';
import { sideNames } from '../integrations/registry.js';
import type { DriftReportView } from './contract/runs.js';

/**
 * A recorded drift report as the API shows it: in the side-neutral shape whichever shape it was recorded in (a run's
 * result in its history, a history row's details), with the names of the connection's sides.
 */
export async function driftReportView(
  ctx: AppContext,
  connectionId: string,
  report: StoredDriftReport,
): Promise<DriftReportView> {
  return { ...driftReportOf(report), names: sideNames(await ctx.store.connections.get(connectionId)) };
}

/** Whether a reconciliation's recorded details hold a drift report (a failed run's may hold none). */
export const holdsDriftReport = (details: unknown): details is StoredDriftReport =>
  typeof details === 'object' &&
  details !== null &&
  Array.isArray((details as { items?: unknown }).items) &&
  Array.isArray((details as { missing?: unknown }).missing);
