import type { Store } from '../integrations/store.js';
import type { ItemLink } from '../storage/repositories/links.js';
import type { Side } from '../domain/sides.js';
import type { SettleRequest, SettleResult } from '../domain/settle-request.js';
import type { ConnectionClients } from '../integrations/connection-clients.js';

/**
 * The workflows activities ask for. The client room implements it (client/workflow-requests.ts), so activities never
 * import workflow code.
 */
export interface WorkflowRequests {
  /** Asks each linked, quantity-tracked item to settle; answers the accounting item ids of those asked. */
  requestSettles(links: ItemLink[], request: SettleRequest): Promise<string[]>;
  /** Asks the definition sync of one item of a side. */
  requestItemSync(connectionId: string, side: Side, id: string): Promise<void>;
  /** Settles one item now and answers the result; the same `updateId` reuses an earlier request. */
  settleNow(
    link: Pick<ItemLink, 'connectionId' | 'accountingItemId' | 'fieldItemId'>,
    request: SettleRequest,
    updateId: string,
  ): Promise<SettleResult>;
  /** Starts a reconciliation that reads both whole catalogs now, beside the schedule. */
  reconcileNow(connectionId: string): Promise<void>;
  /** Ends an item's quantity workflow (its link is gone); no workflow running is fine. */
  stopItemQuantity(connectionId: string, accountingItemId: string, reason: string): Promise<void>;
}

/** What activities need from the process that hosts them; built once by the worker (and by tests). */
export interface ActivityDeps {
  store: Store;
  clients: ConnectionClients;
  workflows: WorkflowRequests;
}
