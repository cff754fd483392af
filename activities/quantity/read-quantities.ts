import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import { roundQty } from '../../domain/quantity.js';

/**
 * Reads the quantity QBO holds for an item and the total Zuper holds across locations for its product, with the
 * item's QuickBooks name for the history row (customer data: it travels only in encrypted payloads and the store).
 */
export async function readQuantities(
  deps: ActivityDeps,
  connectionId: string,
  link: { qboItemId: string; zuperProductUid: string },
): Promise<{ qbo: number; zuper: number; name: string }> {
  const [qbo, zuper] = await Promise.all([deps.clients.qbo(connectionId), deps.clients.zuper(connectionId)]);
  const [item, product] = await Promise.all([
    callApi('qbo', () => qbo.getItem(link.qboItemId)),
    callApi('zuper', () => zuper.getProduct(link.zuperProductUid)),
  ]);
  if (!item) throw qboItemMissing(connectionId, link.qboItemId);
  if (!product || product.isDeleted) {
    throw needsAttention(
      'zuper:product-deleted',
      `The Zuper product ${link.zuperProductUid} linked to QuickBooks item ${link.qboItemId} was deleted, so its quantity cannot be synced.`,
      `Restore the product in Zuper, or unlink the item (\`qzsync unlink-item ${connectionId} ${link.qboItemId}\`) so the next catalog sync recreates it.`,
    );
  }
  return { qbo: roundQty(item.QtyOnHand ?? 0), zuper: roundQty(product.quantity), name: item.Name };
}

export const qboItemMissing = (connectionId: string, qboItemId: string) =>
  needsAttention(
    'qbo:item-missing',
    `QuickBooks no longer has item ${qboItemId}, so its quantity cannot be synced.`,
    `Restore the item in QuickBooks, or unlink it (\`qzsync unlink-item ${connectionId} ${qboItemId}\`) so the next catalog sync recreates it.`,
  );
