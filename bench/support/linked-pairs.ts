import { qboDefinition } from '../../integrations/qbo/catalog-side.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { qboItemSchema } from '../../integrations/qbo/schemas/item.js';
import type { BenchConnection } from '../../harness/connection.js';
import type { BenchStack } from './stack.js';

export interface LinkedPair {
  qboItemId: string;
  zuperUid: string;
}

/**
 * `count` QBO inventory items and as many tracked Zuper products (at the main location), all with `qty`, linked
 * directly through the store's links repository with `qty` as base and the QBO master's definition fingerprint, as if
 * an initial linking had run. No API calls and no webhooks.
 */
export async function seedLinkedPairs(
  stack: BenchStack,
  connection: BenchConnection,
  count: number,
  qty: number,
): Promise<LinkedPair[]> {
  const { qbo, zuper } = stack.emulators;
  const qboIds = qbo.admin.seedItems(connection.realmId, { count, namePrefix: 'Part', qtyOnHand: qty });
  const zuperUids = zuper.admin.generateProducts(connection.zuperCompany, {
    count,
    product_type: 'PRODUCT',
    quantity_per_location: qty,
    location_uids: [connection.locations.main],
  });
  const pairs = qboIds.map((qboItemId, i) => ({ qboItemId, zuperUid: zuperUids[i]! }));
  for (let from = 0; from < pairs.length; from += 50) {
    await Promise.all(
      pairs.slice(from, from + 50).map(({ qboItemId, zuperUid }) => {
        const item = qboItemSchema.parse(qbo.admin.getEntity(connection.realmId, 'Item', qboItemId));
        return stack.ctx.store.links.create({
          connectionId: connection.connectionId,
          accountingItemId: qboItemId,
          fieldItemId: zuperUid,
          itemKind: 'inventory',
          tracksQuantity: true,
          baseQty: qty,
          definitionHash: definitionFingerprint(qboDefinition(item, 'inventory')),
        });
      }),
    );
  }
  return pairs;
}
