import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import type { RecordFailureInput } from '../quantity/types.js';
import { CONNECTION_UNAUTHORIZED } from '../../domain/sync-failure.js';
import { CONNECTION_PAUSED } from '../connection-guard.js';
import { linkedItemIdsOf } from '../../domain/recorded-shapes/item-ids.js';
import { isReconnectFailureCode } from '../../integrations/registry.js';

/** Writes a failed or needs-attention sync to the history; an unauthorised connection is marked for reconnection. */
export async function recordSyncFailure(deps: ActivityDeps, input: RecordFailureInput): Promise<void> {
  // A paused connection is reported once, by its status, not by one history row per item it touches.
  if (input.code === CONNECTION_PAUSED) return;
  const { accountingItemId, fieldItemId } = linkedItemIdsOf(input);
  log.warn('sync needs attention', {
    connectionId: input.connectionId,
    accountingItemId,
    fieldItemId,
    kind: input.kind,
    status: input.status,
    code: input.code,
    explanation: input.explanation,
  });
  if (input.code !== null && (input.code === CONNECTION_UNAUTHORIZED || isReconnectFailureCode(input.code))) {
    await deps.store.connections.setStatus(input.connectionId, 'needs_reconnect', input.explanation);
  }
  await deps.store.history.record({
    dedupeKey: `${input.workflowId}:${input.runId}:${input.kind}:failure`,
    connectionId: input.connectionId,
    kind: input.kind,
    status: input.status,
    workflowId: input.workflowId,
    runId: input.runId,
    accountingItemId: accountingItemId || null,
    fieldItemId: fieldItemId || null,
    summary: input.explanation,
    explanation: input.explanation,
    fix: input.fix,
    errorCode: input.code,
  });
}
