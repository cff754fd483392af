import type { HistoryRepository, SyncRun } from '../storage/repositories/history.js';

/** What a sync was about: an item (by whichever id the row has) within its kind, or the whole connection. */
const subject = (run: SyncRun) => `${run.kind}:${run.accountingItemId ?? ''}:${run.fieldItemId ?? ''}`;

const newestFirst = (a: SyncRun, b: SyncRun) => b.startedAt.getTime() - a.startedAt.getTime() || b.id - a.id;

/**
 * Failures nobody has fixed yet: for each item (and kind), its latest sync when that one failed or needs attention.
 * A later success for the same item closes it. Looks at the most recent `limit` failures of each status.
 */
export async function openFailures(history: HistoryRepository, connectionId: string, limit = 100): Promise<SyncRun[]> {
  const candidates = [
    ...(await history.list({ connectionId, status: 'failed', limit })),
    ...(await history.list({ connectionId, status: 'needs_attention', limit })),
  ].sort(newestFirst);
  const seen = new Set<string>();
  const open: SyncRun[] = [];
  for (const run of candidates) {
    if (seen.has(subject(run))) continue;
    seen.add(subject(run));
    const [latest] = await history.list({
      connectionId,
      kind: run.kind,
      limit: 1,
      ...(run.accountingItemId
        ? { accountingItemId: run.accountingItemId }
        : run.fieldItemId
          ? { fieldItemId: run.fieldItemId }
          : {}),
    });
    if (latest?.id === run.id) open.push(run);
  }
  return open;
}
