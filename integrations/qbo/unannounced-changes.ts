import { FOUND_BY_WATCH } from '../../domain/adjustment-watch.js';
import type { UnannouncedChangesPort } from '../port.js';
import type { QboClient } from './client.js';
import { readStockChanges } from './stock-changes.js';

/** QuickBooks answers change data capture for the last 30 days only; an older cursor is caught up by reconciling. */
const changeWindowMs = 29 * 24 * 3600_000;

/**
 * QuickBooks sends no webhook for inventory adjustments, and a lost webhook leaves a sale unseen: one
 * change-data-capture call (one metered read, whatever the number of items) over everything that moves stock. The
 * sync's own adjustments carry its movement id as DocNumber.
 */
export function createQboUnannouncedChanges(client: QboClient): UnannouncedChangesPort {
  return {
    system: 'qbo',
    async changesSince(since) {
      if (since.getTime() < Date.now() - changeWindowMs) {
        return { changes: [], incomplete: 'the watch last polled more than 29 days ago' };
      }
      const { changes, incomplete } = await readStockChanges(client, since);
      return {
        incomplete,
        changes: changes.map((change) => ({
          key: change.key,
          changedAtMs: change.updatedMs,
          reference: change.docNumber ?? null,
          itemIds: change.itemIds,
          ...(change.entity === 'Item' && change.qtyOnHand !== undefined ? { itemQuantity: change.qtyOnHand } : {}),
          reason: `QuickBooks ${change.entity} ${change.id} changed outside the sync (${FOUND_BY_WATCH})`,
        })),
      };
    },
  };
}
