import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { AppContext } from '../service/context.js';
import { startLinkRun, startReconcileRun } from '../client/runs.js';
import { requireReady } from './require-ready.js';

export interface StartedRun {
  workflowId: string;
  runId: string;
}

const started = (handle: WorkflowHandleWithFirstExecutionRunId): StartedRun => ({
  workflowId: handle.workflowId,
  runId: handle.firstExecutionRunId,
});

/** Starts the initial linking of both catalogs: a dry run only plans, a real run carries the plan out. */
export async function startLink(ctx: AppContext, connectionId: string, dryRun: boolean): Promise<StartedRun> {
  requireReady(await ctx.store.connections.get(connectionId));
  return started(await startLinkRun(ctx.workflows, connectionId, dryRun));
}

/** Starts a reconciliation now, beside the schedule (its own workflow id, so both can be found apart). */
export async function startReconcile(ctx: AppContext, connectionId: string): Promise<StartedRun> {
  requireReady(await ctx.store.connections.get(connectionId));
  return started(await startReconcileRun(ctx.workflows, connectionId));
}
