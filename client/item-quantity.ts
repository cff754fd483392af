import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import type { ItemLink } from '../storage/repositories/links.js';
import { type SettleRequest, type SettleResult } from '../domain/settle-request.js';
import { settleResultOf } from '../domain/recorded-shapes/settle-request.js';
import { itemQuantityWorkflow, requestSettleSignal, settleNowUpdate } from '../workflows/item-quantity.js';
import { ConnectionIdKey, itemIdSearchAttributes, SyncKindKey } from '../workflows/search-attributes.js';
import { itemQuantityWorkflowId } from './workflow-ids.js';
import type { WorkflowTarget } from './workflow-target.js';

type LinkIds = Pick<ItemLink, 'connectionId' | 'accountingItemId' | 'fieldItemId'>;

/** How an item's quantity workflow starts when a signal or an update finds it idle. */
function startOptions(target: WorkflowTarget, link: LinkIds) {
  return {
    workflowId: itemQuantityWorkflowId(link.connectionId, link.accountingItemId),
    taskQueue: target.taskQueue,
    args: [
      {
        connectionId: link.connectionId,
        accountingItemId: link.accountingItemId,
        fieldItemId: link.fieldItemId,
        idleTimeoutMs: target.itemIdleTimeoutMs,
      },
    ] as Parameters<typeof itemQuantityWorkflow>,
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: link.connectionId },
      ...itemIdSearchAttributes('accounting', link.accountingItemId),
      ...itemIdSearchAttributes('field', link.fieldItemId),
      { key: SyncKindKey, value: 'quantity' },
    ],
  };
}

/** Signals (starting if needed) the quantity workflow of each linked, quantity-tracked item; answers their ids. */
export async function requestSettles(
  target: WorkflowTarget,
  links: ItemLink[],
  request: SettleRequest,
): Promise<string[]> {
  const tracked = links.filter((l) => l.tracksQuantity);
  await Promise.all(
    tracked.map((link) =>
      target.client.workflow.signalWithStart(itemQuantityWorkflow, {
        ...startOptions(target, link),
        signal: requestSettleSignal,
        signalArgs: [request],
      }),
    ),
  );
  return tracked.map((l) => l.accountingItemId);
}

/**
 * Asks an item's quantity workflow to settle now (starting it if idle) and waits for the result. The same `updateId`
 * makes a retried request reuse the first one.
 */
export async function settleNow(
  target: WorkflowTarget,
  link: LinkIds,
  request: SettleRequest,
  updateId: string,
): Promise<SettleResult> {
  const startWorkflowOperation = new WithStartWorkflowOperation(itemQuantityWorkflow, {
    ...startOptions(target, link),
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return settleResultOf(
    await target.client.workflow.executeUpdateWithStart(settleNowUpdate, {
      args: [request],
      startWorkflowOperation,
      updateId,
    }),
  );
}

/** Ends an item's quantity workflow, e.g. when its link is removed; a workflow that is not running is fine. */
export async function stopItemQuantity(
  target: WorkflowTarget,
  connectionId: string,
  accountingItemId: string,
  reason: string,
): Promise<void> {
  try {
    await target.client.workflow.getHandle(itemQuantityWorkflowId(connectionId, accountingItemId)).terminate(reason);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
