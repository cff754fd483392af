import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { AppContext } from '../app/context.js';
import { linkCatalogWorkflow, linkCatalogWorkflowId } from '../workflows/link-catalog.js';
import { reconcileWorkflow } from '../workflows/reconcile.js';
import { ConnectionIdKey, SyncKindKey } from '../workflows/search-attributes.js';
import { requireReady } from './require-ready.js';

export interface StartedRun {
  workflowId: string;
  runId: string;
}

const searchAttributes = (connectionId: string, kind: 'link' | 'reconcile') => [
  { key: ConnectionIdKey, value: connectionId },
  { key: SyncKindKey, value: kind },
];

const started = (handle: WorkflowHandleWithFirstExecutionRunId): StartedRun => ({
  workflowId: handle.workflowId,
  runId: handle.firstExecutionRunId,
});

/** Starts the initial linking of both catalogs: a dry run only plans, a real run carries the plan out. */
export async function startLink(ctx: AppContext, connectionId: string, dryRun: boolean): Promise<StartedRun> {
  requireReady(await ctx.store.connections.get(connectionId));
  const handle = await ctx.temporal.workflow.start(linkCatalogWorkflow, {
    workflowId: linkCatalogWorkflowId(connectionId, new Date().toISOString(), dryRun),
    taskQueue: ctx.activityDeps.temporal.taskQueue,
    args: [{ connectionId, dryRun }],
    typedSearchAttributes: searchAttributes(connectionId, 'link'),
  });
  return started(handle);
}

/** Starts a reconciliation now, beside the schedule (its own workflow id, so both can be found apart). */
export async function startReconcile(ctx: AppContext, connectionId: string): Promise<StartedRun> {
  requireReady(await ctx.store.connections.get(connectionId));
  const handle = await ctx.temporal.workflow.start(reconcileWorkflow, {
    workflowId: `reconcile:${connectionId}:manual:${new Date().toISOString()}`,
    taskQueue: ctx.activityDeps.temporal.taskQueue,
    args: [{ connectionId }],
    typedSearchAttributes: searchAttributes(connectionId, 'reconcile'),
  });
  return started(handle);
}
