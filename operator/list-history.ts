import type { AppContext } from '../service/context.js';
import type { SyncKind, SyncStatus } from '../storage/repositories/history.js';
import type { HistoryList } from './contract/history.js';
import { historyEntryView } from './history-view.js';
import { sideNames } from '../integrations/registry.js';

export interface HistoryQuery {
  /** An item's id on either side. */
  item?: string;
  kind?: SyncKind;
  status?: SyncStatus;
  limit: number;
}

/** A connection's recent syncs, newest first, optionally for one item (by either side's id), kind and outcome. */
export async function listHistory(ctx: AppContext, connectionId: string, query: HistoryQuery): Promise<HistoryList> {
  const names = sideNames(await ctx.store.connections.get(connectionId));
  const base = {
    connectionId,
    limit: query.limit,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const runs = query.item
    ? mergeNewestFirst(
        await ctx.store.history.list({ ...base, accountingItemId: query.item }),
        await ctx.store.history.list({ ...base, fieldItemId: query.item }),
      ).slice(0, query.limit)
    : await ctx.store.history.list(base);
  return { connectionId, names, entries: runs.map(historyEntryView) };
}

function mergeNewestFirst<T extends { id: number; startedAt: Date }>(a: T[], b: T[]): T[] {
  const byId = new Map([...a, ...b].map((r) => [r.id, r]));
  return [...byId.values()].sort((x, y) => y.startedAt.getTime() - x.startedAt.getTime() || y.id - x.id);
}
