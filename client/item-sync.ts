import type { Side } from '../domain/sides.js';
import { itemSyncCatalogOf } from '../domain/item-sync-catalog.js';
import { itemSyncWorkflow, requestItemSyncSignal } from '../workflows/item-sync.js';
import { ConnectionIdKey, itemIdSearchAttributes, SyncKindKey } from '../workflows/search-attributes.js';
import { itemSyncWorkflowId } from './workflow-ids.js';
import type { WorkflowTarget } from './workflow-target.js';

/** How long an item's definition sync waits for another change before completing. */
const ITEM_SYNC_IDLE_MS = 2000;

/** Starts (or re-triggers) the definition sync of one item. */
export async function requestItemSync(target: WorkflowTarget, connectionId: string, side: Side, id: string) {
  const system = itemSyncCatalogOf(side);
  await target.client.workflow.signalWithStart(itemSyncWorkflow, {
    workflowId: itemSyncWorkflowId(connectionId, side, id),
    taskQueue: target.taskQueue,
    args: [{ connectionId, system, id, idleTimeoutMs: ITEM_SYNC_IDLE_MS }],
    signal: requestItemSyncSignal,
    signalArgs: [],
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: connectionId },
      ...itemIdSearchAttributes(side, id),
      { key: SyncKindKey, value: 'item' },
    ],
  });
}
