import { heartbeat } from '@temporalio/activity';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { ActivityDeps } from '../deps.js';
import {
  itemQuantityWorkflow,
  itemQuantityWorkflowId,
  settleNowUpdate,
  type SettleResult,
} from '../../workflows/item-quantity.js';
import { ConnectionIdKey, QboItemIdKey, SyncKindKey, ZuperProductUidKey } from '../../workflows/search-attributes.js';
import type { DriftedItem } from './scan-drift.js';

export interface DriftOutcome {
  item: DriftedItem;
  result: SettleResult;
}

const CONCURRENCY = 8;

/**
 * Asks each drifted item's quantity workflow to settle now (starting it if idle) and waits for the result, so the
 * report says what was corrected. The update id makes a retried activity reuse the same request.
 */
export async function settleDrifted(
  deps: ActivityDeps,
  input: { connectionId: string; reconcileRunId: string; items: DriftedItem[] },
): Promise<DriftOutcome[]> {
  const outcomes: DriftOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < input.items.length) {
      const item = input.items[next++]!;
      const startWorkflowOperation = new WithStartWorkflowOperation(itemQuantityWorkflow, {
        workflowId: itemQuantityWorkflowId(input.connectionId, item.qboItemId),
        taskQueue: deps.temporal.taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            connectionId: input.connectionId,
            qboItemId: item.qboItemId,
            zuperProductUid: item.zuperProductUid,
            idleTimeoutMs: deps.temporal.itemIdleTimeoutMs,
          },
        ],
        typedSearchAttributes: [
          { key: ConnectionIdKey, value: input.connectionId },
          { key: QboItemIdKey, value: item.qboItemId },
          { key: ZuperProductUidKey, value: item.zuperProductUid },
          { key: SyncKindKey, value: 'quantity' },
        ],
      });
      const result = await deps.temporal.client.workflow.executeUpdateWithStart(settleNowUpdate, {
        args: [
          {
            reason: 'reconciliation found drift',
            snapshot: { qbo: item.qbo, zuper: item.zuper, linkVersion: item.linkVersion },
          },
        ],
        startWorkflowOperation,
        updateId: `${input.reconcileRunId}:${item.qboItemId}`,
      });
      outcomes.push({ item, result });
      heartbeat({ settled: outcomes.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, input.items.length) }, worker));
  return outcomes;
}
