import type { QboChange } from './announced-change.js';
import type { ChangedItems } from '../port.js';
import type { QboClient } from './client.js';
import { isQboStockEntity } from './schemas/entities.js';

/** Only items and the transactions that move QtyOnHand can change what the sync keeps; other entities name no item. */
export const qboEntityConcernsSync = (entity: string): boolean => entity === 'Item' || isQboStockEntity(entity);

/**
 * The items a QuickBooks change touched: an Item change names the item (its definition and quantity may both have
 * changed); a stock transaction (invoice, bill, …) names the items on its lines, read now (the only call, so the
 * client is made only then).
 */
export async function qboChangedItems(
  client: () => Promise<Pick<QboClient, 'getTransaction'>>,
  change: QboChange,
): Promise<ChangedItems> {
  if (change.entity === 'Item') {
    return { definitions: [change.entityId], quantities: [change.entityId], transaction: null };
  }
  if (!isQboStockEntity(change.entity)) return { definitions: [], quantities: [], transaction: null };
  const txn = await (await client()).getTransaction(change.entity, change.entityId);
  return {
    definitions: [],
    quantities: [],
    transaction: { kind: change.entity, id: change.entityId, lines: txn ? txn.itemIds : null },
  };
}
