import type { SyncRun } from '../storage/repositories/history.js';
import type { HistoryDetail, HistoryEntry } from './contract/history.js';
import type { SideNamesView } from './contract/runs.js';

/** A history row as the API lists it: dates as ISO strings, details left out. */
export function historyEntryView(run: SyncRun): HistoryEntry {
  return {
    id: run.id,
    connectionId: run.connectionId,
    kind: run.kind,
    status: run.status,
    workflowId: run.workflowId,
    runId: run.runId,
    accountingItemId: run.accountingItemId,
    fieldItemId: run.fieldItemId,
    itemName: run.itemName,
    summary: run.summary,
    qtyBefore: run.qtyBefore,
    qtyAfter: run.qtyAfter,
    explanation: run.explanation,
    fix: run.fix,
    errorCode: run.errorCode,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}

export const historyDetailView = (run: SyncRun, names: SideNamesView): HistoryDetail => ({
  ...historyEntryView(run),
  details: run.details,
  names,
});
