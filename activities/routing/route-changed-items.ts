import type { ActivityDeps } from '../deps.js';
import type { Side } from '../../domain/sides.js';
import type { System } from '../../domain/systems.js';
import type { ChangedItems } from '../../integrations/port.js';
import type { ItemLink } from '../../storage/repositories/links.js';

export interface RouteResult {
  settled: string[];
  unlinked: string[];
  /** A stock movement whose delivery names no item: the system's movement list says which (settleListedMovements). */
  movement?: true;
}

/** The links of one side's items, and the ids linked to nothing. */
export async function linksOf(
  deps: ActivityDeps,
  connectionId: string,
  side: Side,
  itemIds: Iterable<string>,
): Promise<{ links: ItemLink[]; unlinked: string[] }> {
  const links: ItemLink[] = [];
  const unlinked: string[] = [];
  for (const id of itemIds) {
    const link = await deps.store.links.getOnSide(connectionId, side, id);
    if (link) links.push(link);
    else unlinked.push(id);
  }
  return { links, unlinked };
}

/**
 * Acts on what a change touched, whichever side announced it: changed definitions go to the catalog sync, and every
 * linked item whose quantity may have moved is asked to settle. A transaction's lines are remembered, so that once it
 * is deleted (and can no longer be read) the items it had moved still settle.
 */
export async function routeChangedItems(
  deps: ActivityDeps,
  change: { connectionId: string; side: Side; system: System; changed: ChangedItems; reason: string },
): Promise<RouteResult> {
  const { connectionId, system, changed } = change;
  const itemIds = new Set(changed.quantities);
  const txn = changed.transaction;
  if (txn) {
    const remembered = await deps.store.transactionItems.recall(connectionId, system, txn.kind, txn.id);
    for (const id of [...(txn.lines ?? []), ...remembered]) itemIds.add(id);
    if (txn.lines && txn.lines.length > 0) {
      await deps.store.transactionItems.remember(connectionId, system, txn.kind, txn.id, txn.lines);
    }
  }
  for (const id of changed.definitions) {
    await deps.workflows.requestItemSync(connectionId, change.side, id);
  }
  const { links, unlinked } = await linksOf(deps, connectionId, change.side, itemIds);
  const settled = await deps.workflows.requestSettles(links, { reason: change.reason, origin: change.side });
  return { settled, unlinked };
}
