import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import { cursorAfter, firstPageFor, freshRows } from '../../domain/movement-cursor.js';
import type { RouteResult } from './route-qbo-change.js';
import { zuperLinks } from './route-zuper-change.js';

/** Rows per read of the movement list: Zuper's lists are read 100 at a time elsewhere too. */
export const movementPageSize = 100;

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
  const moved = new Set<string>();
  for (;;) {
    for (const row of freshRows(cursor, movementPageSize, page)) moved.add(row.productUid);
    if (page.page >= page.totalPages || page.items.length === 0) break;
    page = await read(page.page + 1);
  }
  const { links, unlinked } = await zuperLinks(deps, connectionId, moved);
  const settled = await deps.workflows.requestSettles(links, {
    reason: `Zuper stock movements (${moved.size} products)`,
  });
  await deps.store.zuperMovementCursors.save(connectionId, cursorAfter(cursor, movementPageSize, page));
  log.info('Zuper movements routed', { connectionId, settled, unlinked });
  return { settled, unlinked };
}
