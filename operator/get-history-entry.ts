import type { AppContext } from '../service/context.js';
import type { SyncRun } from '../storage/repositories/history.js';
import type { HistoryDetail } from './contract/history.js';
import { notFound } from './errors.js';
import { historyDetailView } from './history-view.js';

export async function findHistoryRun(ctx: AppContext, historyId: number): Promise<SyncRun> {
  const run = await ctx.store.history.get(historyId);
  if (!run)
    throw notFound(
      'history_not_found',
      `There is no history entry #${historyId}.`,
      'List entries with `qzsync history <connection>`.',
    );
  return run;
}

/** One sync with everything recorded about it. */
export async function getHistoryEntry(ctx: AppContext, historyId: number): Promise<HistoryDetail> {
  return historyDetailView(await findHistoryRun(ctx, historyId));
}
