import { MissingItemError, type QuantityPort, type SideCapabilities } from '../port.js';
import { missingAccounts, type QbdAccounts } from './accounts.js';
import { applyMovementOnce, missingAccountNames, readInventorySites, readItem, type QbxmlSend } from './operations.js';
import { runQueued, type QbdQueueAccess } from './queued-send.js';
import { QbdStatusError, type QbdInventorySite } from './responses.js';
import { forgetChosenSite, siteForMovements, siteGone, type QbdSiteRule } from './sites.js';

/**
 * What QuickBooks Desktop can do through the Web Connector (docs/sides.md, "Capabilities"): it announces nothing (the
 * Web Connector polls the service), so the quantity watch reads its changes at each session; a step's requests go one
 * after another (the requests of several steps share an exchange), and it keeps categories as parent items (a sub-item's parent is its category). A company file with
 * inventory sites (Advanced Inventory) keeps stock per site: movements land at the site the connection's default
 * location maps to (`sites.ts`); one without keeps a single company-wide quantity.
 */
export const qbdCapabilities: SideCapabilities = {
  categories: true,
  locations: true,
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
  /** The inventory site movements land at, when the company file has sites. */
  sites: QbdSiteRule;
}

/**
 * Refusals drawn from an answer the work queue keeps under the movement's request id (a missing account or site): a
 * retry asks under a fresh request id, or it would read the same answer again.
 */
export const isQbdRefusalKeptForRequestId = (errorCode: string | null): boolean =>
  errorCode === 'qbd:account-missing' || errorCode === 'qbd:site-missing';

/** Keys of the side's calls within its step: a retried step makes the same calls in the same order. */
export function stepKeys(stepKey: string): () => string {
  let call = 0;
  return () => `${stepKey}#${call++}`;
}

/**
 * What to throw for an adjustment QuickBooks refused, once its item is known to exist: an invalid reference (3140) is
 * the adjustment account the company file lacks, or the site no longer among its active ones (forgotten, so the next
 * movement chooses again), each as its refusal; anything else is the error itself.
 */
export async function explainAdjustmentRefusal(
  send: QbxmlSend,
  error: unknown,
  adjustment: { account: string; site: QbdInventorySite | null; connectionId: string },
): Promise<unknown> {
  const { account, site, connectionId } = adjustment;
  if (!(error instanceof QbdStatusError) || error.reason !== 'invalid-reference') return error;
  if ((await missingAccountNames(send, [account])).length > 0)
    return missingAccounts([{ role: 'adjustment', name: account }], connectionId);
  if (site === null) return error;
  forgetChosenSite(connectionId);
  if ((await readInventorySites(send))?.some((s) => s.id === site.id)) return error;
  return siteGone(site.name, connectionId);
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
    // read includes them. Company-wide (ItemQuery's QuantityOnHand, all sites together): the settle compares totals.
    async readQuantity(itemId) {
      const item = await runQueued(access, nextKey(), (send) => readItem(send, itemId));
      return item ? { quantity: item.quantityOnHand ?? 0, name: item.name } : null;
    },
    /**
     * An InventoryAdjustmentAdd by QuantityDifference at the connection's site (when the company file has sites), its
     * movement id in RefNumber and Memo, looked up first every time (QuickBooks keeps no request id); keyed by the
     * movement's request id, so any step that applies it finds its requests, and a retry under a fresh request id
     * asks again.
     */
    async applyMovement(movement) {
      const account = options.accounts.adjustment;
      const key = `movement:${movement.requestId}`;
      const startedAt = Date.now();
      const site = await siteForMovements(
        access.connectionId,
        options.sites,
        () => runQueued(access, `${key}:sites`, readInventorySites),
        access,
      );
      // The site read and the movement share the step's wait, which fits the activity's timeout.
      const movementAccess = { ...access, waitMs: Math.max(0, access.waitMs - (Date.now() - startedAt)) };
      const { txnId } = await runQueued(movementAccess, key, async (send) => {
        if ((await readItem(send, movement.itemId)) === null) throw new MissingItemError(movement.itemId);
        try {
          return await applyMovementOnce(send, {
            movementId: movement.movementId,
            item: { listId: movement.itemId },
            quantityDifference: movement.change,
            account: { fullName: account },
            reason: `qzsync: ${movement.reason}`.slice(0, 4000),
            ...(site === null ? {} : { site: { listId: site.id } }),
          });
        } catch (error) {
          // The item was just read, so an invalid reference is the account or the site, when the company file lacks it.
          throw await explainAdjustmentRefusal(send, error, { account, site, connectionId: access.connectionId });
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
