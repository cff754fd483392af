import { WorkflowFailedError } from '@temporalio/client';
import type { AppContext } from '../service/context.js';
import type { StoredDriftReport } from '../domain/recorded-shapes/drift-report.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { connectionOfWorkflow, findRun, linkProgress } from '../client/runs.js';
import type { RunAnswer } from './contract/runs.js';
import { notFound } from './errors.js';
import { linkResultView } from './link-result-view.js';
import { driftReportView } from './drift-report-view.js';
import { explainRunFailure } from './run-failure.js';

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
  const found = await findRun(ctx.temporal, workflowId, runId);
  if (!found) throw notFound('run_not_found', `${workflowId} is not a link or reconcile run.`);
  const { kind, handle } = found;
  const run = { kind, workflowId, runId: found.runId, connectionId: found.connectionId };
  const signal = AbortSignal.timeout(waitMs);
  try {
    const result: unknown = await ctx.temporal.withAbortSignal(signal, () => handle.result());
    return kind === 'link'
      ? {
          state: 'completed',
          ...run,
          kind,
          result: await linkResultView(ctx, run.connectionId, result as LinkCatalogResult),
        }
      : {
          state: 'completed',
          ...run,
          kind,
          // Runs completed before the sides were named answered the older shape.
          result: await driftReportView(ctx, run.connectionId, result as StoredDriftReport),
        };
  } catch (error) {
    if (error instanceof WorkflowFailedError)
      return { state: 'failed', ...run, failure: explainRunFailure(error.cause) };
    if (signal.aborted) {
      return kind === 'link'
        ? { state: 'running', ...run, progress: await linkProgress(handle) }
        : { state: 'running', ...run };
    }
    throw error;
  }
}

/** The connection a run belongs to; null when there is no such run. */
export const connectionOfRun = (ctx: AppContext, workflowId: string, runId: string | undefined) =>
  connectionOfWorkflow(ctx.temporal, workflowId, runId);
