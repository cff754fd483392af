import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities } from '../activities/index.js';
import type { ActivityDeps } from '../activities/deps.js';
import { failureConverterPath } from '../security/failure-converter-path.js';
import { activityTiming } from './activity-timing.js';
import type { Tracing } from '../observability/tracing.js';
import { workerTracingOptions, workflowTracingInterceptors } from '../observability/worker-tracing.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.js', import.meta.url));

const bundles = new Map<boolean, Promise<WorkflowBundle>>();

/**
 * Bundles the workflow code once per process (each Worker.create would otherwise re-bundle), with the failure
 * converter that keeps failure messages out of clear text in histories; `traced` adds the OpenTelemetry workflow
 * interceptors (a bundle's interceptors are fixed when it is built, so a traced worker has its own bundle).
 */
export function workflowBundle(options: { traced?: boolean } = {}): Promise<WorkflowBundle> {
  const traced = options.traced ?? false;
  let bundle = bundles.get(traced);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath,
      failureConverterPath,
      workflowInterceptorModules: traced ? [workflowTracingInterceptors] : [],
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
    });
    bundles.set(traced, bundle);
  }
  return bundle;
}

export interface SyncWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  dataConverter?: DataConverter;
  maxConcurrentActivityTaskExecutions?: number;
  /** Spans for every workflow and activity the worker runs; null or absent: none. */
  tracing?: Tracing | null;
}

/** The worker that runs every workflow and activity of the sync on one task queue. */
export async function createSyncWorker(options: SyncWorkerOptions): Promise<Worker> {
  const tracing = options.tracing ? workerTracingOptions(options.tracing) : null;
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle({ traced: Boolean(options.tracing) }),
    activities: createActivities(options.deps),
    // The span is outermost, so an activity's timing and its own calls happen inside it.
    interceptors: { activity: [...(tracing ? [tracing.activityInterceptor] : []), activityTiming] },
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(tracing ? { sinks: tracing.sinks } : {}),
  });
}
