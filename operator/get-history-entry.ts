import type { AppContext } from '../service/context.js';
import type { SyncRun } from '../storage/repositories/history.js';
import type { HistoryDetail } from './contract/history.js';
import { historyNotFound } from './errors.js';
import { historyDetailView } from './history-view.js';
import { sideNames } from '../integrations/registry.js';
import { withPlanActions } from './link-result-view.js';
import { driftReportView, holdsDriftReport } from './drift-report-view.js';

export async function findHistoryRun(ctx: AppContext, historyId: number): Promise<SyncRun> {
  const run = await ctx.store.history.get(historyId);
  if (!run) throw historyNotFound(historyId);
  return run;
}

/** One sync with everything recorded about it. */
export async function getHistoryEntry(ctx: AppContext, historyId: number): Promise<HistoryDetail> {
  const run = await findHistoryRun(ctx, historyId);
  const details =
    run.kind === 'reconcile' && holdsDriftReport(run.details)
      ? await driftReportView(ctx, run.connectionId, run.details)
      : await withPlanActions(ctx, run);
  const names = sideNames(await ctx.store.connections.get(run.connectionId));
  return historyDetailView({ ...run, details }, names);
}
