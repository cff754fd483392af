import type { AppContext } from '../service/context.js';
import { requestSettles } from '../client/item-quantity.js';
import { requestItemSync } from '../client/item-sync.js';
import type { SyncRun } from '../storage/repositories/history.js';
import type { RetryAnswer } from './contract/retry.js';
import { conflict } from './errors.js';
import { isFaultKeptForRequestId, sideNames } from '../integrations/registry.js';
import { readConnectionSettings } from '../integrations/connection-settings.js';
import type { Side } from '../domain/sides.js';
import { findHistoryRun } from './get-history-entry.js';
import { startLink, startReconcile } from './start-runs.js';
import { itemQuantityWorkflowId } from '../client/workflow-ids.js';

/**
 * Retries a failed sync once its cause is fixed: a quantity settles the item again from fresh reads, an item re-syncs
 * its definition, a link or reconciliation runs again. Nothing is replayed: each reads the current state.
 */
export async function retrySync(ctx: AppContext, historyId: number): Promise<RetryAnswer> {
  const run = await findHistoryRun(ctx, historyId);
  if (run.status !== 'failed' && run.status !== 'needs_attention') {
    throw conflict(
      'not_failed',
      `History entry #${historyId} ${run.status === 'started' ? 'is still running' : 'succeeded'}: there is nothing to retry.`,
    );
  }
  const answer = { historyId, kind: run.kind };
  switch (run.kind) {
    case 'quantity':
      return { ...answer, ...(await retrySettle(ctx, run, historyId)) };
    case 'item':
      return { ...answer, ...(await retryItemSync(ctx, run)) };
    case 'link': {
      const started = await startLink(ctx, run.connectionId, false);
      return { ...answer, started: 'link', ...started, description: 'Started a linking run (not a dry run).' };
    }
    case 'reconcile': {
      const started = await startReconcile(ctx, run.connectionId);
      return { ...answer, started: 'reconcile', ...started, description: 'Started a reconciliation.' };
    }
  }
}

async function retrySettle(ctx: AppContext, run: SyncRun, historyId: number) {
  const link = run.accountingItemId
    ? await ctx.store.links.get(run.connectionId, run.accountingItemId)
    : run.fieldItemId
      ? await ctx.store.links.getByFieldItem(run.connectionId, run.fieldItemId)
      : null;
  if (!link?.tracksQuantity) {
    throw conflict(
      'not_linked',
      `The item of history entry #${historyId} is no longer linked with a tracked quantity.`,
      'Link it again with `qzsync link`.',
    );
  }
  // A pending plan whose accounting write got a fault the system keeps for its request id would get the same fault
  // back for ever: its next write goes out under a fresh request id.
  if (link.pendingSettle && isFaultKeptForRequestId(run.errorCode)) {
    await ctx.store.links.freshRequest(link.connectionId, link.accountingItemId, link.pendingSettle.id, 'accounting');
  }
  await requestSettles(ctx.workflows, [link], { reason: `retry of history entry #${historyId}` });
  const names = sideNames(await ctx.store.connections.get(link.connectionId));
  return {
    started: 'settle' as const,
    workflowId: itemQuantityWorkflowId(link.connectionId, link.accountingItemId),
    runId: null,
    description: `Asked ${names.accounting.record} ${link.accountingItemId} ↔ ${names.field.record} ${link.fieldItemId} to settle its quantity again.`,
  };
}

async function retryItemSync(ctx: AppContext, run: SyncRun) {
  const connection = await ctx.store.connections.get(run.connectionId);
  const master = readConnectionSettings(connection)?.productMaster ?? 'accounting';
  const ids: Record<Side, string | null> = { accounting: run.accountingItemId, field: run.fieldItemId };
  // The master's id when the row has it: definitions flow from the product master.
  const side: Side = ids[master] ? master : ids.accounting ? 'accounting' : 'field';
  const id = ids[side];
  if (!id) throw conflict('no_item', 'This history entry names no item to sync again.');
  // The id of the run asked: one started before the side-neutral ids while it still runs, else the current one.
  const workflowId = await requestItemSync(ctx.workflows, run.connectionId, side, id);
  return {
    started: 'item-sync' as const,
    workflowId,
    runId: null,
    description: `Asked ${sideNames(connection)[side].record} ${id} to sync its definition again.`,
  };
}
