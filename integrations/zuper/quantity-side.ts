import type { QuantityPort, SideCapabilities } from '../port.js';
import type { ZuperClient } from './client.js';
import { movementRemark } from './movement-remark.js';

export interface ZuperQuantitySideOptions {
  client: ZuperClient;
  /** The location where movements land (the connection's default location). */
  defaultLocationUid: string;
}

/** A write cannot be older than its plan, give or take clock skew between us and Zuper. */
const clockSkewMs = 60_000;

/** What Zuper can do (docs/sides.md, "Capabilities"). */
export const zuperCapabilities: SideCapabilities = {
  categories: true,
  locations: true,
  pushNotifications: true,
  unannouncedQuantityChanges: false,
  reachedWhenItPolls: false,
  batchWrites: false,
  categoriesAreItems: false,
  wholeCatalogEveryMs: null,
};

/** Zuper on the field-service side of the quantity settle. */
export function createZuperQuantitySide(options: ZuperQuantitySideOptions): QuantityPort {
  const { client } = options;
  return {
    system: 'zuper',
    side: 'field',
    capabilities: zuperCapabilities,
    async readQuantity(productUid) {
      const product = await client.getProduct(productUid);
      return product && !product.isDeleted ? { quantity: product.quantity, name: product.name } : null;
    },
    /**
     * Zuper takes no idempotency key: the movement id rides at the start of the stock remark, and a retry looks for it
     * in the product's transactions (newest first, back to the plan) before writing again.
     */
    async applyMovement(movement, mayHaveLanded) {
      if (mayHaveLanded) {
        const landed = await client.findStockTransactionByRemark(movement.itemId, movement.movementId, {
          notBefore: new Date(movement.plannedAt.getTime() - clockSkewMs),
        });
        if (landed) return landed.uid;
      }
      const move = {
        productUid: movement.itemId,
        locationUid: options.defaultLocationUid,
        quantity: Math.abs(movement.change),
        remarks: movementRemark(movement.movementId, movement.reason),
      };
      return movement.change > 0 ? client.stockInward(move) : client.stockOutward(move);
    },
    missingItem: (productUid) => ({
      code: 'zuper:product-deleted',
      gone: `The Zuper product ${productUid} was deleted`,
      restore: 'Restore the product in Zuper',
    }),
  };
}
