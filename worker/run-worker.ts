import { NativeConnection, type Worker } from '@temporalio/worker';
import type { AppContext } from '../service/context.js';
import { createSyncWorker } from './create-worker.js';
import { ensureReconcileSchedule } from '../client/schedules.js';
import { ensureWatchOfConnection } from '../client/adjustment-watch.js';
import { startCredentialKeepers } from '../integrations/registry.js';
import { readConnectionSettings } from '../integrations/connection-settings.js';
import { applyWorkerHeapGrowth } from './heap-growth.js';
import { assertSearchAttributesRegistered } from '../client/search-attribute-check.js';

/**
 * A sync worker on this process's context (its Temporal address, namespace, task queue, activities and codec). The
 * heap's growth is set here for every process that runs a worker; the entry points set it earlier still, and the
 * first call decides.
 */
export async function createContextWorker(ctx: AppContext): Promise<{ worker: Worker; connection: NativeConnection }> {
  applyWorkerHeapGrowth(ctx.env);
  const connection = await NativeConnection.connect({ address: ctx.env.TEMPORAL_ADDRESS });
  try {
    const worker = await createSyncWorker({
      connection,
      namespace: ctx.env.TEMPORAL_NAMESPACE,
      taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
      deps: ctx.activityDeps,
      dataConverter: ctx.dataConverter,
      tracing: ctx.tracing,
      ...(ctx.env.WORKER_MAX_CACHED_WORKFLOWS === undefined
        ? {}
        : { maxCachedWorkflows: ctx.env.WORKER_MAX_CACHED_WORKFLOWS }),
    });
    return { worker, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/**
 * Connects to Temporal, checks its namespace knows the search attributes workflows are started with, makes sure every configured connection has its schedule (and, with an accounting system that
 * changes quantities unannounced connected, its quantity watch), and returns the running worker.
 */
export async function startWorker(
  ctx: AppContext,
): Promise<{ worker: Worker; running: Promise<void>; connection: NativeConnection }> {
  await assertSearchAttributesRegistered(ctx.temporal, ctx.env.TEMPORAL_NAMESPACE);
  const { worker, connection } = await createContextWorker(ctx);
  for (const c of await ctx.store.connections.list()) {
    const settings = readConnectionSettings(c);
    if (settings) {
      await ensureReconcileSchedule(ctx.temporal, {
        connectionId: c.id,
        every: settings.reconcileEvery,
        taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
      });
    }
    await ensureWatchOfConnection(ctx.temporal, c, ctx.env.TEMPORAL_TASK_QUEUE);
  }
  const stopKeeper = startCredentialKeepers(ctx, (line) => process.stderr.write(`${line}\n`));
  const running = worker.run().finally(stopKeeper);
  return { worker, running, connection };
}
