import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import { linksOf, type RouteResult } from './route-changed-items.js';
import { createMovementList } from '../../integrations/connection-sides.js';
import { systemLabel, type System } from '../../domain/systems.js';
import type { ListedMovement } from '../../integrations/port.js';

/**
 * The products whose fresh rows include one that is not our own settle's write. Our own movement coming back says
 * nothing new: the settle that wrote it planned the quantity it leads to, and every other change to the product comes
 * with a row or a delivery of its own. So a product whose fresh rows are all ours (live, remark naming a movement of
 * our ledger or of a pending plan) is not settled again; that saves the echo's reads on both sides.
 */
async function movedByOthers(
  deps: ActivityDeps,
  connectionId: string,
  movements: readonly ListedMovement[],
): Promise<{ moved: Set<string>; ownEchoes: number }> {
  const ours = await deps.store.links.ownFieldMovements(
    connectionId,
    movements.flatMap((m) => (m.movementId === null ? [] : [m.movementId])),
  );
  const others = movements.filter((m) => m.movementId === null || !ours.has(m.movementId));
  return { moved: new Set(others.map((m) => m.itemId)), ownEchoes: movements.length - others.length };
}

/**
 * A stock-movement delivery that names no item (some field systems name only the movement, which they serve no read for): the items
 * moved are found by reading the system's movement list past this connection's cursor (normally one read for a whole
 * burst), and asked to settle. The cursor moves only after the settles are requested, so a failure re-reads rather
 * than skips.
 */
export async function settleListedMovements(
  deps: ActivityDeps,
  { connectionId, system }: { connectionId: string; system: System },
): Promise<RouteResult> {
  const movementList = await createMovementList(deps.clients, system, connectionId);
  const cursor = await deps.store.movementListCursors.get(connectionId);
  const read = await callApi(movementList.system, () => movementList.movementsSince(cursor));
  const { moved, ownEchoes } = await movedByOthers(deps, connectionId, read.movements);
  const { links, unlinked } = await linksOf(deps, connectionId, 'field', moved);
  const label = systemLabel(system);
  const settled = await deps.workflows.requestSettles(links, {
    reason: `${label} stock movements (${moved.size} products)`,
    origin: 'field',
  });
  await deps.store.movementListCursors.save(connectionId, read.cursor);
  log.info(`${label} movements routed`, { connectionId, settled, unlinked, ownEchoes });
  return { settled, unlinked };
}
