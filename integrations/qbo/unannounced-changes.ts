import { FOUND_BY_WATCH } from '../../domain/adjustment-watch.js';
import type { UnannouncedChangesPort } from '../port.js';
import type { QboClient } from './client.js';
import { qboMaxPageSize, selectQuery, where } from './query-builder.js';
import { transactionItemIds } from './transaction-items.js';

/**
 * QuickBooks sends no webhook for inventory adjustments: one query for those changed since the cursor (one metered
 * read, whatever the number of items). The sync's own carry its movement id as DocNumber.
 */
export function createQboUnannouncedChanges(client: QboClient): UnannouncedChangesPort {
  return {
    system: 'qbo',
    async changesSince(since) {
      const rows = await client.query(
        selectQuery('InventoryAdjustment', {
          where: [where('MetaData.LastUpdatedTime', '>=', since)],
          orderBy: 'MetaData.LastUpdatedTime',
          maxResults: qboMaxPageSize,
        }),
      );
      return rows.map((row) => {
        const changedAt = Date.parse(row.MetaData?.LastUpdatedTime ?? '');
        return {
          id: row.Id,
          changedAt: Number.isNaN(changedAt) ? null : new Date(changedAt),
          reference: row.DocNumber ?? null,
          itemIds: transactionItemIds(row),
          reason: `QuickBooks InventoryAdjustment ${row.Id} entered in QuickBooks (${FOUND_BY_WATCH}; QuickBooks sends no webhook for adjustments)`,
        };
      });
    },
  };
}
