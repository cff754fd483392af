import type { ActivityDeps } from '../deps.js';
import { itemSyncWorkflow, itemSyncWorkflowId, requestItemSyncSignal } from '../../workflows/item-sync.js';
import { ConnectionIdKey, QboItemIdKey, SyncKindKey, ZuperProductUidKey } from '../../workflows/search-attributes.js';
import type { System } from '../../domain/catalog/matching.js';

/** Starts (or re-triggers) the definition sync of one item. */
export async function requestItemSync(
  deps: ActivityDeps,
  connectionId: string,
  system: System,
  id: string,
): Promise<void> {
  await deps.temporal.client.workflow.signalWithStart(itemSyncWorkflow, {
    workflowId: itemSyncWorkflowId(connectionId, system, id),
    taskQueue: deps.temporal.taskQueue,
    args: [{ connectionId, system, id, idleTimeoutMs: 2000 }],
    signal: requestItemSyncSignal,
    signalArgs: [],
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: connectionId },
      system === 'qbo' ? { key: QboItemIdKey, value: id } : { key: ZuperProductUidKey, value: id },
      { key: SyncKindKey, value: 'item' },
    ],
  });
}
