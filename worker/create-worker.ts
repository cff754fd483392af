import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  TransportError,
  Worker,
  type NativeConnection,
  type WorkerOptions,
  type WorkflowBundle,
} from '@temporalio/worker';
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

/**
 * The SDK's default cache follows the heap limit (about 2,300 workflows with a 4 GB heap) and a settled item's
 * workflow stays cached until evicted: about 0.3 MB each, so a reconciliation settling 1,000 items held 300 MB. At
 * 250 the cache holds about 75 MB; an evicted workflow's next task fetches its history (one call to the Temporal
 * server, a few kB for an item's workflow) and replays it, milliseconds of CPU.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 250;

export interface SyncWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  dataConverter?: DataConverter;
  maxConcurrentActivityTaskExecutions?: number;
  /** Workflows kept in memory between tasks (WORKER_MAX_CACHED_WORKFLOWS); absent: the service's default. */
  maxCachedWorkflows?: number;
  /** Spans for every workflow and activity the worker runs; null or absent: none. */
  tracing?: Tracing | null;
}

/**
 * Temporal answered that it cannot describe the namespace right now (starting up, or too busy to read it in time):
 * the worker's start is worth another try. A namespace that does not exist answers NotFound and fails at once.
 */
export const isServerUnavailable = (error: unknown): boolean =>
  error instanceof TransportError && /\bcode: Unavailable\b/.test(error.message);

/** Tries `start` until it succeeds, `attempts` times at most, pausing 1 s, 2 s, 3 s… while Temporal is unavailable. */
export async function startWhileUnavailable<T>(
  start: () => Promise<T>,
  options: { attempts: number; pauseMs: number },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= options.attempts || !isServerUnavailable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * options.pauseMs));
    }
  }
}

/**
 * The worker that runs every workflow and activity of the sync on one task queue. Its start waits out a Temporal
 * server that is briefly unavailable (up to 5 tries over 10 s), as when both start together.
 */
export async function createSyncWorker(options: SyncWorkerOptions): Promise<Worker> {
  const tracing = options.tracing ? workerTracingOptions(options.tracing) : null;
  const workerOptions: WorkerOptions = {
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle({ traced: Boolean(options.tracing) }),
    activities: createActivities(options.deps),
    // The span is outermost, so an activity's timing and its own calls happen inside it.
    interceptors: { activity: [...(tracing ? [tracing.activityInterceptor] : []), activityTiming] },
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    maxCachedWorkflows: options.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(tracing ? { sinks: tracing.sinks } : {}),
  };
  return startWhileUnavailable(() => Worker.create(workerOptions), { attempts: 5, pauseMs: 1000 });
}
