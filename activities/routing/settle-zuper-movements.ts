import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import { cursorAfter, firstPageFor, freshRows } from '../../domain/movement-cursor.js';
import { linksOf, type RouteResult } from './route-changed-items.js';
import { movementIdInRemark } from '../../integrations/zuper/movement-remark.js';
import type { ZuperStockTransaction } from '../../integrations/zuper/stock.js';

/** Rows per read of the movement list: Zuper's lists are read 100 at a time elsewhere too. */
export const movementPageSize = 100;

/**
 * The products whose fresh rows include one that is not our own settle's write. Our own movement coming back says
 * nothing new: the settle that wrote it planned the quantity it leads to, and every other change to the product comes
 * with a row or a delivery of its own. So a product whose fresh rows are all ours (live, remark naming a movement of
 * our ledger or of a pending plan) is not settled again; that saves the echo's reads on both sides.
 */
async function movedByOthers(
  deps: ActivityDeps,
  connectionId: string,
  rows: readonly ZuperStockTransaction[],
): Promise<{ moved: Set<string>; ownEchoes: number }> {
  const claims = rows.map((row) => ({ row, id: row.isDeleted ? null : movementIdInRemark(row.remarks) }));
  const ours = await deps.store.links.ownFieldMovements(
    connectionId,
    claims.flatMap((c) => (c.id === null ? [] : [c.id])),
  );
  const others = claims.filter((c) => c.id === null || !ours.has(c.id));
  return { moved: new Set(others.map((c) => c.row.productUid)), ownEchoes: rows.length - others.length };
}

/**
 * A Zuper stock-movement delivery names the movement, which Zuper serves no read for: the products moved are found
 * by reading the movement list past this connection's cursor (normally one read for a whole burst), and asked to
 * settle. The cursor moves only after the settles are requested, so a failure re-reads rather than skips.
 */
export async function settleZuperMovements(deps: ActivityDeps, connectionId: string): Promise<RouteResult> {
  const zuper = await deps.clients.zuper(connectionId);
  const cursor = await deps.store.zuperMovementCursors.get(connectionId);
  const read = (page: number) => callApi('zuper', () => zuper.listMovements({ page, count: movementPageSize }));
  let page = await read(firstPageFor(cursor, movementPageSize));
  // Never read before: only the newest page is worth settling; older rows were settled by reconciliation.
  if (cursor === null && page.totalPages > page.page) page = await read(page.totalPages);
  const fresh: ZuperStockTransaction[] = [];
  for (;;) {
    fresh.push(...freshRows(cursor, movementPageSize, page));
    if (page.page >= page.totalPages || page.items.length === 0) break;
    page = await read(page.page + 1);
  }
  const { moved, ownEchoes } = await movedByOthers(deps, connectionId, fresh);
  const { links, unlinked } = await linksOf(deps, connectionId, 'field', moved);
  const settled = await deps.workflows.requestSettles(links, {
    reason: `Zuper stock movements (${moved.size} products)`,
    origin: 'field',
  });
  await deps.store.zuperMovementCursors.save(connectionId, cursorAfter(cursor, movementPageSize, page));
  log.info('Zuper movements routed', { connectionId, settled, unlinked, ownEchoes });
  return { settled, unlinked };
}
