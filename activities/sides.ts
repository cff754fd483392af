import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { ActivityDeps } from './deps.js';
import type { Connection } from '../storage/repositories/connections.js';
import { callApi, needsAttention } from './failures.js';
import { settingsOf } from './connection-guard.js';
import type { ConnectionSides, QuantityPort } from '../integrations/port.js';
import { MissingItemError } from '../integrations/port.js';
import { createConnectionSides, type SideStep } from '../integrations/connection-sides.js';

/**
 * The ports serving a connection's two sides (integrations/connection-sides.ts). Takes the connection its caller has
 * read already.
 */
export async function connectionSides(deps: ActivityDeps, connection: Connection): Promise<ConnectionSides> {
  return createConnectionSides(deps.clients, connection, settingsOf(connection), currentStep());
}

/**
 * The activity the sides serve: its workflow run and activity id stay the same on every retry; its cancellation is
 * the activity's (delivered on heartbeat when its workflow cancels it, and at once when the worker shuts down).
 * Outside an activity (an operator's request run in the service) each call is a step of its own, never cancelled.
 */
export function currentStep(): SideStep {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return { key: `request:${randomUUID()}`, heartbeat: () => {}, cancellation: new AbortController().signal };
  }
  const { workflowExecution, activityId } = context.info;
  const run = workflowExecution ? `${workflowExecution.workflowId}/${workflowExecution.runId}` : 'standalone';
  return {
    key: `${run}/${activityId}`,
    heartbeat: () => context.heartbeat(),
    cancellation: context.cancellationSignal,
  };
}

/** Runs a call on a side's system: its errors become Temporal failures, a missing item a needs-attention one. */
export async function onSide<T>(
  port: QuantityPort,
  link: { connectionId: string; accountingItemId: string },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await callApi(port.system, call);
  } catch (error) {
    if (error instanceof MissingItemError) throw missingItem(port, link, error.itemId);
    throw error;
  }
}

/** The item is gone from a side: nothing to retry until someone restores it or unlinks it. */
export function missingItem(
  port: QuantityPort,
  link: { connectionId: string; accountingItemId: string },
  itemId: string,
  unsynced: 'quantity' | 'definition' = 'quantity',
) {
  const { code, gone, restore } = port.missingItem(itemId);
  return needsAttention(
    code,
    `${gone}, so its ${unsynced} cannot be synced.`,
    `${restore}, or unlink the item (\`qzsync unlink-item ${link.connectionId} ${link.accountingItemId}\`) so the next catalog sync recreates it.`,
  );
}
