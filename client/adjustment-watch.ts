import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { perPollWatchPacing, type WatchPacing } from '../domain/adjustment-watch.js';
import type { System } from '../domain/systems.js';
import { capabilitiesOf } from '../integrations/registry.js';
import { adjustmentWatchWorkflow } from '../workflows/adjustment-watch.js';
import { adjustmentWatchWorkflowId } from './workflow-ids.js';
import { olderAdjustmentWatchWorkflowId } from './recorded-workflow-ids.js';
import { ConnectionIdKey } from '../workflows/search-attributes.js';

/**
 * Makes sure the connection's quantity watch runs: an accounting system may send no webhook for stock adjustments, so
 * without it an adjustment waits for reconciliation. One run per connection (a fixed workflow
 * id); a start that finds it running leaves it alone, so start-up and every connect may call this. A watch still running
 * under its older id is stopped first, so a connection never has two: the new one resumes from the stored cursor, and a
 * change both may have seen settles by state once. Cost: one change read per interval, 2,880 reads a
 * connection-month when idle (domain/adjustment-watch.ts), and one Temporal call per start for the older id. It never
 * ends by itself: "nothing running" checks leave it out with `notAdjustmentWatch`.
 */
export async function ensureAdjustmentWatch(
  client: Client,
  options: { connectionId: string; taskQueue: string; pacing?: WatchPacing },
): Promise<void> {
  const { connectionId, taskQueue, pacing } = options;
  await terminateIfRunning(
    client,
    olderAdjustmentWatchWorkflowId(connectionId),
    'replaced by the side-neutral watch id',
  );
  await client.workflow.start(adjustmentWatchWorkflow, {
    workflowId: adjustmentWatchWorkflowId(connectionId),
    taskQueue,
    args: [{ connectionId, ...(pacing ? { pacing } : {}) }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [{ key: ConnectionIdKey, value: connectionId }],
  });
}

/**
 * Starts a connection's quantity watch when its accounting system changes quantities without telling (its
 * `unannouncedQuantityChanges` capability) and that system is connected; a system reached
 * only when it polls the service is read once per poll. Answers whether the watch runs.
 */
export async function ensureWatchOfConnection(
  client: Client,
  connection: { id: string; accountingSystem: System; connectedSystems: readonly System[] },
  taskQueue: string,
): Promise<boolean> {
  const accounting = capabilitiesOf(connection.accountingSystem);
  if (!accounting.unannouncedQuantityChanges || !connection.connectedSystems.includes(connection.accountingSystem))
    return false;
  await ensureAdjustmentWatch(client, {
    connectionId: connection.id,
    taskQueue,
    ...(accounting.reachedWhenItPolls ? { pacing: perPollWatchPacing } : {}),
  });
  return true;
}

/** Stops the watch when the accounting system it polls is disconnected (its polls would only fail); stopping a stopped watch is fine. */
export async function stopAdjustmentWatch(
  client: Client,
  connectionId: string,
  reason = 'accounting system disconnected',
): Promise<void> {
  await terminateIfRunning(client, adjustmentWatchWorkflowId(connectionId), reason);
  await terminateIfRunning(client, olderAdjustmentWatchWorkflowId(connectionId), reason);
}

async function terminateIfRunning(client: Client, workflowId: string, reason: string): Promise<void> {
  try {
    await client.workflow.getHandle(workflowId).terminate(reason);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

/** Visibility query clause that leaves out the perpetual quantity watch, for "is the sync quiet?" checks. */
export const notAdjustmentWatch = `WorkflowType != "${adjustmentWatchWorkflow.name}"`;
