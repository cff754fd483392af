import { MissingItemError, type QuantityPort, type SideCapabilities } from '../port.js';
import { missingAccounts, type QbdAccounts } from './accounts.js';
import { applyMovementOnce, missingAccountNames, readItem } from './operations.js';
import { runQueued, type QbdQueueAccess } from './queued-send.js';
import { QbdStatusError } from './responses.js';

/**
 * What QuickBooks Desktop can do through the Web Connector (docs/sides.md, "Capabilities"): it announces nothing (the
 * Web Connector polls the service), so the quantity watch reads its changes at each session; it takes one request
 * per exchange, and keeps categories as parent items (a sub-item's parent is its category). Inventory sites are not
 * mapped yet: movements land where QuickBooks puts a site-less adjustment.
 */
export const qbdCapabilities: SideCapabilities = {
  categories: true,
  locations: false,
  pushNotifications: false,
  unannouncedQuantityChanges: true,
  reachedWhenItPolls: true,
  batchWrites: false,
  categoriesAreItems: true,
  // A whole read is queued for the Web Connector's sessions, 1,000 items a request; in between, the quantity watch
  // reads the items changed since its cursor.
  wholeCatalogEveryMs: 24 * 3600_000,
};

/** How a side reaches a connection's QuickBooks Desktop: its work queue, under keys of the step that runs. */
export interface QbdSideOptions {
  access: QbdQueueAccess;
  /** Unique per connection and the same on every retry of the step (activity) the side serves. */
  stepKey: string;
  /** The accounts adjustments and new items post to, by full name (the connection's settings). */
  accounts: QbdAccounts;
}

/** Keys of the side's calls within its step: a retried step makes the same calls in the same order. */
export function stepKeys(stepKey: string): () => string {
  let call = 0;
  return () => `${stepKey}#${call++}`;
}

/** QuickBooks Desktop on the accounting side of the quantity settle. */
export function createQbdQuantitySide(options: QbdSideOptions): QuantityPort {
  const { access } = options;
  const nextKey = stepKeys(`${options.stepKey}:quantity`);
  return {
    system: 'qbd',
    side: 'accounting',
    capabilities: qbdCapabilities,
    // Queued behind every movement the sync queued before it (the queue is first in, first out), so the quantity
    // read includes them.
    async readQuantity(itemId) {
      const item = await runQueued(access, nextKey(), (send) => readItem(send, itemId));
      return item ? { quantity: item.quantityOnHand ?? 0, name: item.name } : null;
    },
    /**
     * An InventoryAdjustmentAdd by QuantityDifference, its movement id in RefNumber and Memo, looked up first every
     * time (QuickBooks keeps no request id); keyed by the movement, so any step that applies it finds its requests.
     */
    async applyMovement(movement) {
      const account = options.accounts.adjustment;
      const { txnId } = await runQueued(access, `movement:${movement.movementId}`, async (send) => {
        if ((await readItem(send, movement.itemId)) === null) throw new MissingItemError(movement.itemId);
        try {
          return await applyMovementOnce(send, {
            movementId: movement.movementId,
            item: { listId: movement.itemId },
            quantityDifference: movement.change,
            account: { fullName: account },
            reason: `qzsync: ${movement.reason}`.slice(0, 4000),
          });
        } catch (error) {
          // The item was just read, so an invalid reference is the account when the company file lacks it.
          if (!(error instanceof QbdStatusError) || error.reason !== 'invalid-reference') throw error;
          if ((await missingAccountNames(send, [account])).length === 0) throw error;
          throw missingAccounts([{ role: 'adjustment', name: account }], access.connectionId);
        }
      });
      return txnId;
    },
    missingItem: (itemId) => ({
      code: 'qbd:item-missing',
      gone: `QuickBooks Desktop no longer has item ${itemId}`,
      restore: 'Make the item active again in QuickBooks Desktop (Lists › Item List, include inactive)',
    }),
  };
}
