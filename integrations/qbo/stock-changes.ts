import type { QboCdcApi } from './cdc.js';
import { qboTransactionEntities, type QboTransactionEntity } from './schemas/entities.js';
import { transactionItemIds } from './transaction-items.js';

/** Everything whose change can move an item's QtyOnHand: the stock-moving transactions and the item itself. */
export const qboStockChangeEntities = ['Item', ...qboTransactionEntities] as const;

export interface QboStockChange {
  /** `Entity:Id`, unique across the entities read. */
  key: string;
  entity: 'Item' | QboTransactionEntity;
  id: string;
  /** MetaData.LastUpdatedTime in epoch milliseconds; NaN when absent. */
  updatedMs: number;
  /** A transaction's DocNumber: this sync's movement id on its own adjustments. */
  docNumber?: string;
  /** The items whose stock the change may have moved (an Item row names itself). */
  itemIds: string[];
  /** An Item row's QtyOnHand; undefined for transactions and items that keep no quantity. */
  qtyOnHand?: number;
}

export interface QboStockChanges {
  changes: QboStockChange[];
  /**
   * Why the changes may not name every moved item (a deleted transaction's stub names none; a capped response leaves
   * some out); null when they name them all.
   */
  incomplete: string | null;
}

const updatedMsOf = (row: { MetaData?: { LastUpdatedTime: string } | undefined }) =>
  Date.parse(row.MetaData?.LastUpdatedTime ?? '');

/** One change-data-capture call (one metered read) for every stock-moving change since `changedSince`. */
export async function readStockChanges(qbo: QboCdcApi, changedSince: Date): Promise<QboStockChanges> {
  const result = await qbo.cdc(qboStockChangeEntities, changedSince);
  const changes: QboStockChange[] = result.changes.Item.live.map((item) => ({
    key: `Item:${item.Id}`,
    entity: 'Item',
    id: item.Id,
    updatedMs: updatedMsOf(item),
    itemIds: [item.Id],
    ...(item.TrackQtyOnHand && item.QtyOnHand !== undefined ? { qtyOnHand: item.QtyOnHand } : {}),
  }));
  for (const entity of qboTransactionEntities) {
    for (const tx of result.changes[entity].live) {
      changes.push({
        key: `${entity}:${tx.Id}`,
        entity,
        id: tx.Id,
        updatedMs: updatedMsOf(tx),
        ...(tx.DocNumber !== undefined ? { docNumber: tx.DocNumber } : {}),
        itemIds: transactionItemIds(tx),
      });
    }
  }
  const deleted = qboStockChangeEntities.flatMap((entity) =>
    result.changes[entity].deleted.map((stub) => `${entity} ${stub.Id}`),
  );
  const incomplete = result.capped
    ? `QuickBooks reported ${result.objectCount} changes, its most in one answer, so some may be missing`
    : deleted.length > 0
      ? `QuickBooks deleted ${deleted.join(', ')}, which no longer names the items it moved`
      : null;
  return { changes, incomplete };
}
