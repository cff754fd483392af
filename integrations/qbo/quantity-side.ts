import { addQty } from '../../domain/quantity.js';
import { MissingItemError, type QuantityPort, type SideCapabilities } from '../port.js';
import { qboWholeCatalogEveryMs } from './catalog-cadence.js';
import type { QboClient } from './client.js';

export interface QboQuantitySideOptions {
  client: QboClient;
  /**
   * How quantity changes reach QuickBooks: InventoryAdjustment with QtyDiff (exactly once through requestid and
   * DocNumber), or, for companies without InventoryAdjustment (it is US-only), writing QtyOnHand with SyncToken checks.
   */
  quantityWrite: 'inventory-adjustment' | 'qty-on-hand';
  /** The account adjustments post against, resolved by the caller only when an adjustment is written. */
  adjustmentAccountId: () => Promise<string>;
}

const today = () => new Date().toISOString().slice(0, 10);

/** What QuickBooks Online can do (docs/sides.md, "Capabilities"). */
export const qboCapabilities: SideCapabilities = {
  categories: true,
  locations: false,
  pushNotifications: true,
  unannouncedQuantityChanges: true,
  reachedWhenItPolls: false,
  batchWrites: true,
  categoriesAreItems: true,
  wholeCatalogEveryMs: qboWholeCatalogEveryMs,
};

/** QuickBooks Online on the accounting side of the quantity settle. */
export function createQboQuantitySide(options: QboQuantitySideOptions): QuantityPort {
  const { client } = options;
  return {
    system: 'qbo',
    side: 'accounting',
    capabilities: qboCapabilities,
    async readQuantity(itemId) {
      const item = await client.getItem(itemId);
      return item ? { quantity: item.QtyOnHand ?? 0, name: item.Name } : null;
    },
    /**
     * With InventoryAdjustment: a QtyDiff line whose DocNumber is the movement id, looked up before any retry. Without
     * it: QtyOnHand written from a fresh read with its SyncToken (a stale token re-reads on the next attempt); that mode
     * relies on QuickBooks replaying the answer to a repeated requestid when a response is lost (docs/settle.md,
     * "Companies without InventoryAdjustment").
     */
    async applyMovement(movement, mayHaveLanded) {
      if (options.quantityWrite === 'qty-on-hand') {
        const item = await client.getItem(movement.itemId);
        if (!item) throw new MissingItemError(movement.itemId);
        const updated = await client.setQtyOnHand(
          {
            Id: item.Id,
            SyncToken: item.SyncToken,
            QtyOnHand: addQty(item.QtyOnHand ?? 0, movement.change),
            InvStartDate: today(),
          },
          { requestId: movement.requestId },
        );
        return `item:${updated.Id}@${updated.SyncToken}`;
      }
      if (mayHaveLanded) {
        const landed = await client.findInventoryAdjustmentsByDocNumber(movement.movementId);
        if (landed[0]) return landed[0].Id;
      }
      const adjustment = await client.createInventoryAdjustment(
        {
          itemId: movement.itemId,
          qtyDiff: movement.change,
          docNumber: movement.movementId,
          privateNote: `qzsync: ${movement.reason}`.slice(0, 4000),
          adjustAccountId: await options.adjustmentAccountId(),
          txnDate: today(),
        },
        { requestId: movement.requestId },
      );
      return adjustment.Id;
    },
    missingItem: (itemId) => ({
      code: 'qbo:item-missing',
      gone: `QuickBooks no longer has item ${itemId}`,
      restore: 'Restore the item in QuickBooks',
    }),
  };
}
