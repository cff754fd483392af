import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import { ownMovementIdPattern } from '../../domain/movement-id.js';
import { readStretchFactor, readUsageMessage } from '../../domain/metered-reads.js';
import { createWatchedChanges } from '../../integrations/connection-sides.js';
import type { ItemLink } from '../../storage/repositories/links.js';

export interface WatchPollResult {
  /** Adjustments entered in QuickBooks (not by this sync) since the last poll. */
  adjustments: number;
  /** QBO item ids asked to settle. */
  settled: string[];
  /**
   * How much longer the next interval should be because the whole app's metered reads are at or projected past the
   * monthly allowance (domain/metered-reads.ts); 1 otherwise. Absent in results recorded before it existed.
   */
  readStretch?: number;
}

/** A first poll looks back this far, so an adjustment made while the watch was being set up is not missed. */
const firstLookBackMs = 60_000;

/**
 * One poll of the quantity watch: a single query for InventoryAdjustments changed since the stored cursor (one
 * metered read, whatever the number of items), then a settle of every linked item they moved. The cursor only
 * advances once the settles are requested, so a failed poll is repeated, not skipped.
 */
export async function watchQboAdjustments(deps: ActivityDeps, connectionId: string): Promise<WatchPollResult> {
  const cursor = (await deps.store.adjustmentCursors.get(connectionId)) ?? {
    changedSince: new Date(Date.now() - firstLookBackMs),
    seenIds: [],
  };
  const watched = await createWatchedChanges(deps.clients, connectionId);
  const changes = await callApi(watched.system, () => watched.changesSince(cursor.changedSince));
  const fresh = changes.filter((change) => !cursor.seenIds.includes(change.id));
  // The sync's own adjustments carry its movement id; they are already accounted for.
  const foreign = fresh.filter((change) => !ownMovementIdPattern.test(change.reference ?? ''));
  const links: ItemLink[] = [];
  const settled: string[] = [];
  for (const change of foreign) {
    for (const itemId of change.itemIds) {
      const link = await deps.store.links.get(connectionId, itemId);
      if (link) links.push(link);
    }
    settled.push(
      ...(await deps.workflows.requestSettles(links.splice(0), { reason: change.reason, origin: 'accounting' })),
    );
  }
  const newest = changes.reduce(
    (max, change) => Math.max(max, change.changedAt?.getTime() ?? max),
    cursor.changedSince.getTime(),
  );
  const atNewest = changes.filter((change) => change.changedAt?.getTime() === newest).map((change) => change.id);
  await deps.store.adjustmentCursors.save(connectionId, {
    changedSince: new Date(newest),
    seenIds: newest === cursor.changedSince.getTime() ? [...new Set([...cursor.seenIds, ...atNewest])] : atNewest,
  });
  if (foreign.length > 0) {
    log.info('QuickBooks adjustments found by the quantity watch', {
      connectionId,
      adjustments: foreign.length,
      settled,
    });
  }
  const { usage } = await deps.clients.readsThisMonth();
  const readStretch = readStretchFactor(usage.reads, usage.allowance, new Date());
  if (usage.level !== 'ok')
    log.warn('QuickBooks reads near the monthly allowance', { message: readUsageMessage(usage, readStretch) });
  return { adjustments: foreign.length, settled: [...new Set(settled)], readStretch };
}
