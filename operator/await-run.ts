import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import type { AppContext } from '../app/context.js';
import type { DriftReport } from '../domain/drift-report.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { ConnectionIdKey } from '../workflows/search-attributes.js';
import type { RunAnswer } from './contract/runs.js';
import { notFound } from './errors.js';
import { linkResultView } from './link-result-view.js';
import { explainRunFailure } from './run-failure.js';

const kinds: Record<string, 'link' | 'reconcile'> = { linkCatalogWorkflow: 'link', reconcileWorkflow: 'reconcile' };

/**
 * Waits up to `waitMs` for a link or reconcile run. A run still going answers 'running' so the caller polls again:
 * large catalogs take longer than any HTTP client should hold a request open.
 */
export async function awaitRun(
  ctx: AppContext,
  workflowId: string,
  runId: string | undefined,
  waitMs: number,
): Promise<RunAnswer> {
  const handle = ctx.temporal.workflow.getHandle(workflowId, runId);
  const description = await handle.describe();
  const kind = kinds[description.type];
  if (!kind) throw notFound('run_not_found', `${workflowId} is not a link or reconcile run.`);
  const run = {
    kind,
    workflowId,
    runId: description.runId,
    connectionId: description.typedSearchAttributes.get(ConnectionIdKey) ?? '',
  };
  const signal = AbortSignal.timeout(waitMs);
  try {
    const result: unknown = await ctx.temporal.withAbortSignal(signal, () => handle.result());
    return kind === 'link'
      ? { state: 'completed', ...run, kind, result: await linkResultView(ctx, result as LinkCatalogResult) }
      : { state: 'completed', ...run, kind, result: result as DriftReport };
  } catch (error) {
    if (error instanceof WorkflowFailedError)
      return { state: 'failed', ...run, failure: explainRunFailure(error.cause) };
    if (signal.aborted) return { state: 'running', ...run };
    throw error;
  }
}

/** The connection a run belongs to (its ConnectionId search attribute); null when there is no such run. */
export async function connectionOfRun(
  ctx: AppContext,
  workflowId: string,
  runId: string | undefined,
): Promise<string | null> {
  try {
    const description = await ctx.temporal.workflow.getHandle(workflowId, runId).describe();
    return description.typedSearchAttributes.get(ConnectionIdKey) ?? null;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}
