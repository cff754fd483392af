import { cursorAfter, firstPageFor, freshRows } from '../../domain/movement-cursor.js';
import type { MovementListPort } from '../port.js';
import type { ZuperClient } from './client.js';
import { movementIdInRemark } from './movement-remark.js';
import type { ZuperStockTransaction } from './stock.js';

/** Rows per read of the movement list: Zuper's lists are read 100 at a time elsewhere too. */
const movementPageSize = 100;

/**
 * Zuper serves no read for the movement a delivery names: the rows past the cursor, normally one read for a whole
 * burst. The sync's own rows carry their movement id in the remark.
 */
export function createZuperMovementList(client: Pick<ZuperClient, 'listMovements'>): MovementListPort {
  return {
    system: 'zuper',
    async movementsSince(cursor) {
      const read = (page: number) => client.listMovements({ page, count: movementPageSize });
      let page = await read(firstPageFor(cursor, movementPageSize));
      // Never read before: only the newest page is worth settling; older rows were settled by reconciliation.
      if (cursor === null && page.totalPages > page.page) page = await read(page.totalPages);
      const fresh: ZuperStockTransaction[] = [];
      for (;;) {
        fresh.push(...freshRows(cursor, movementPageSize, page));
        if (page.page >= page.totalPages || page.items.length === 0) break;
        page = await read(page.page + 1);
      }
      return {
        movements: fresh.map((row) => ({
          itemId: row.productUid,
          movementId: row.isDeleted ? null : movementIdInRemark(row.remarks),
        })),
        cursor: cursorAfter(cursor, movementPageSize, page),
      };
    },
  };
}
