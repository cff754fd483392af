import type { ActivityDeps } from '../deps.js';
import {
  itemQuantityWorkflow,
  itemQuantityWorkflowId,
  requestSettleSignal,
  type SettleRequest,
} from '../../workflows/item-quantity.js';
import { ConnectionIdKey, QboItemIdKey, SyncKindKey, ZuperProductUidKey } from '../../workflows/search-attributes.js';
import type { ItemLink } from '../../storage/repositories/links.js';

/** Signals (starting if needed) the quantity workflow of each linked, quantity-tracked item. */
export async function requestSettles(deps: ActivityDeps, links: ItemLink[], request: SettleRequest): Promise<string[]> {
  const tracked = links.filter((l) => l.tracksQuantity);
  await Promise.all(
    tracked.map((link) =>
      deps.temporal.client.workflow.signalWithStart(itemQuantityWorkflow, {
        workflowId: itemQuantityWorkflowId(link.connectionId, link.qboItemId),
        taskQueue: deps.temporal.taskQueue,
        args: [
          {
            connectionId: link.connectionId,
            qboItemId: link.qboItemId,
            zuperProductUid: link.zuperProductUid,
            idleTimeoutMs: deps.temporal.itemIdleTimeoutMs,
          },
        ],
        signal: requestSettleSignal,
        signalArgs: [request],
        typedSearchAttributes: [
          { key: ConnectionIdKey, value: link.connectionId },
          { key: QboItemIdKey, value: link.qboItemId },
          { key: ZuperProductUidKey, value: link.zuperProductUid },
          { key: SyncKindKey, value: 'quantity' },
        ],
      }),
    ),
  );
  return tracked.map((l) => l.qboItemId);
}
