import { WorkflowNotFoundError } from '@temporalio/client';
import type { Side } from '../domain/sides.js';
import { itemSyncWorkflow, requestItemSyncSignal } from '../workflows/item-sync.js';
import { ConnectionIdKey, itemIdSearchAttributes, SyncKindKey } from '../workflows/search-attributes.js';
import { itemSyncWorkflowId } from './workflow-ids.js';
import { olderItemSyncWorkflowId } from './recorded-workflow-ids.js';
import type { WorkflowTarget } from './workflow-target.js';

/** How long an item's definition sync waits for another change before completing. */
const ITEM_SYNC_IDLE_MS = 2000;

/**
 * Starts (or re-triggers) the definition sync of one item; answers the id of the workflow asked. A run started before
 * item syncs were named after sides (`olderItemSyncWorkflowId`) may still be running: it is signalled, so one item
 * never has two syncs at once; only when none runs is the run under the current id signalled or started.
 */
export async function requestItemSync(
  target: WorkflowTarget,
  connectionId: string,
  side: Side,
  itemId: string,
): Promise<string> {
  const olderId = olderItemSyncWorkflowId(connectionId, side, itemId);
  try {
    await target.client.workflow.getHandle(olderId).signal(requestItemSyncSignal);
    return olderId;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  const workflowId = itemSyncWorkflowId(connectionId, side, itemId);
  await target.client.workflow.signalWithStart(itemSyncWorkflow, {
    workflowId,
    taskQueue: target.taskQueue,
    args: [{ connectionId, side, itemId, idleTimeoutMs: ITEM_SYNC_IDLE_MS }],
    signal: requestItemSyncSignal,
    signalArgs: [],
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: connectionId },
      ...itemIdSearchAttributes(side, itemId),
      { key: SyncKindKey, value: 'item' },
    ],
  });
  return workflowId;
}
