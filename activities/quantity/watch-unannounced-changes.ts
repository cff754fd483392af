import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import { ownMovementIdPattern } from '../../domain/movement-id.js';
import { readStretchFactor, readUsageMessage } from '../../domain/metered-reads.js';
import { createWatchedChanges } from '../../integrations/connection-sides.js';
import { currentStep } from '../sides.js';
import type { UnannouncedChange } from '../../integrations/port.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import type { AdjustmentCursor } from '../../storage/repositories/adjustment-cursors.js';
import {
  transactionKeyOf,
  type SeenTransactionLines,
  type TransactionKey,
} from '../../storage/repositories/transaction-items.js';
import { itemsMovedByEdit } from '../../domain/transaction-lines.js';
import type { System } from '../../domain/systems.js';

export interface WatchPollResult {
  /** Changes made in the accounting system (not by this sync) since the last poll that asked a linked item to settle. */
  adjustments: number;
  /** Accounting item ids asked to settle. */
  settled: string[];
  /**
   * How much longer the next interval should be because the whole app's metered reads are at or projected past the
   * monthly allowance (domain/metered-reads.ts); 1 otherwise. Absent in results recorded before it existed.
   */
  readStretch?: number;
}

/** A first poll looks back this far, so a change made while the watch was being set up is not missed. */
const firstLookBackMs = 60_000;

/**
 * One poll of the accounting system's change watch: everything that moved stock since the stored cursor (one
 * change read through the side's port, however the system serves it: one metered call, or requests queued for a
 * connector's next session while this poll's retries wait for it), then a
 * settle of every linked item a change made outside the sync names; a transaction seen before settles only the items
 * whose lines changed since (its lines are kept in transaction_items). When the changes cannot name every moved item,
 * a full reconciliation settles them all instead. The cursor only advances once the settles are requested, so a failed poll is repeated, not skipped.
 */
export async function watchUnannouncedChanges(deps: ActivityDeps, connectionId: string): Promise<WatchPollResult> {
  const polledAt = new Date();
  const cursor = (await deps.store.adjustmentCursors.get(connectionId)) ?? {
    changedSince: new Date(polledAt.getTime() - firstLookBackMs),
    seenIds: [],
  };
  const connection = await deps.store.connections.get(connectionId);
  const watched = await createWatchedChanges(deps.clients, connection, currentStep());
  const stockChanges = await callApi(watched.system, () => watched.changesSince(cursor.changedSince));
  // The sync's own movements carry its movement id as their reference; they are already accounted for.
  const foreign = stockChanges.changes.filter(
    (change) => !cursor.seenIds.includes(change.key) && !ownMovementIdPattern.test(change.reference ?? ''),
  );
  const edits = await movedByTransactions(deps, connectionId, watched.system, foreign, cursor.changedSince);
  const incomplete = stockChanges.incomplete ?? edits.incomplete;
  const { settled, found } = incomplete
    ? await reconcileInstead(deps, connectionId, incomplete)
    : await settleChanged(deps, connectionId, edits.changes);
  // Only once their settles (or the reconciliation) are asked for: a retried poll diffs against the lines before.
  await deps.store.transactionItems.rememberLines(connectionId, watched.system, edits.seen);
  const advanced = advancedCursor(cursor, stockChanges.changes);
  await deps.store.adjustmentCursors.save(
    connectionId,
    // A reconciliation started after `polledAt` covers everything before it; a change the accounting system's own
    // clock stamps later than that (a clock ahead of this one) stays behind the cursor, or it would be read again.
    incomplete && advanced.changedSince.getTime() < polledAt.getTime()
      ? { changedSince: polledAt, seenIds: [] }
      : advanced,
  );
  const { usage } = await deps.clients.readsThisMonth();
  const readStretch = readStretchFactor(usage.reads, usage.allowance, new Date());
  if (usage.level !== 'ok')
    log.warn('metered reads near the monthly allowance', { message: readUsageMessage(usage, readStretch) });
  return { adjustments: found, settled, readStretch };
}

async function reconcileInstead(deps: ActivityDeps, connectionId: string, why: string) {
  log.info("The accounting system's changes do not name every moved item: reconciling", { connectionId, why });
  await deps.workflows.reconcileNow(connectionId);
  return { settled: [], found: 1 };
}

/**
 * The changes made outside the sync, each transaction's items narrowed to those whose lines moved since the watch
 * last saw it: an edit that changed no line's quantity (a rate, a memo, a payment applied) settles nothing. A
 * transaction never seen before moved the items of its lines now, unless it was edited and may have been counted
 * before the watch kept its lines (saved at or before the cursor): then, like a deleted one whose lines were never
 * seen, the changes are incomplete.
 */
async function movedByTransactions(
  deps: ActivityDeps,
  connectionId: string,
  system: System,
  foreign: UnannouncedChange[],
  since: Date,
): Promise<{
  changes: UnannouncedChange[];
  incomplete: string | null;
  seen: (TransactionKey & SeenTransactionLines)[];
}> {
  const transactions = foreign.flatMap((change) => (change.transaction ? [change.transaction] : []));
  const before = await deps.store.transactionItems.recallLines(connectionId, system, transactions);
  let incomplete: string | null = null;
  const changes = foreign.map((change): UnannouncedChange => {
    const txn = change.transaction;
    if (!txn) return change;
    const seen = before.get(transactionKeyOf(txn));
    if (seen) {
      const itemIds =
        txn.lines === null
          ? [...new Set(seen.lines.map((line) => line.itemId))]
          : seen.version !== null && seen.version === txn.version
            ? []
            : itemsMovedByEdit(seen.lines, txn.lines);
      return { ...change, itemIds };
    }
    if (txn.lines === null) incomplete ??= `${change.reason}, and the watch never saw its lines`;
    else if (txn.edited && !(txn.createdAtMs > since.getTime()))
      incomplete ??= `${change.reason} after it was saved, before the watch kept its lines: an item taken off it is not named`;
    return change;
  });
  const seen = new Map<string, TransactionKey & SeenTransactionLines>();
  for (const txn of transactions)
    if (txn.lines !== null)
      seen.set(transactionKeyOf(txn), { entity: txn.entity, id: txn.id, version: txn.version, lines: txn.lines });
  return { changes, incomplete, seen: [...seen.values()] };
}

async function settleChanged(
  deps: ActivityDeps,
  connectionId: string,
  foreign: UnannouncedChange[],
): Promise<{ settled: string[]; found: number }> {
  const settled: string[] = [];
  let found = 0;
  for (const change of foreign) {
    const links: ItemLink[] = [];
    for (const itemId of change.itemIds) {
      const link = await deps.store.links.get(connectionId, itemId);
      // An item row at its base quantity is this sync's own write or a change of its definition, not of its stock.
      if (link && !(change.itemQuantity !== undefined && change.itemQuantity === link.baseQty)) links.push(link);
    }
    const asked = await deps.workflows.requestSettles(links, {
      reason: change.reason,
      origin: 'accounting',
    });
    if (asked.length > 0) found += 1;
    settled.push(...asked);
  }
  if (found > 0) log.info('Accounting changes found by the quantity watch', { connectionId, changes: found, settled });
  return { settled: [...new Set(settled)], found };
}

/** Past the newest change read; the keys at exactly that instant are remembered, the bound being inclusive. */
function advancedCursor(cursor: AdjustmentCursor, changes: UnannouncedChange[]): AdjustmentCursor {
  const newest = changes.reduce(
    (max, change) => (Number.isNaN(change.changedAtMs) ? max : Math.max(max, change.changedAtMs)),
    cursor.changedSince.getTime(),
  );
  const atNewest = changes.filter((change) => change.changedAtMs === newest).map((change) => change.key);
  return {
    changedSince: new Date(newest),
    seenIds: newest === cursor.changedSince.getTime() ? [...new Set([...cursor.seenIds, ...atNewest])] : atNewest,
  };
}
