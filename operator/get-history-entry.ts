import type { AppContext } from '../service/context.js';
import type { SyncRun } from '../storage/repositories/history.js';
import type { HistoryDetail } from './contract/history.js';
import { historyNotFound } from './errors.js';
import { historyDetailView } from './history-view.js';
import { withPlanActions } from './link-result-view.js';

export async function findHistoryRun(ctx: AppContext, historyId: number): Promise<SyncRun> {
  const run = await ctx.store.history.get(historyId);
  if (!run) throw historyNotFound(historyId);
  return run;
}

/** One sync with everything recorded about it. */
export async function getHistoryEntry(ctx: AppContext, historyId: number): Promise<HistoryDetail> {
  const run = await findHistoryRun(ctx, historyId);
  return historyDetailView({ ...run, details: await withPlanActions(ctx, run) });
}
