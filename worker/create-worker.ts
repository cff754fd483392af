import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities } from '../activities/index.js';
import type { ActivityDeps } from '../activities/deps.js';
import { failureConverterPath } from '../security/failure-converter-path.js';
import { activityTiming } from './activity-timing.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.js', import.meta.url));

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * Bundles the workflow code once per process (each Worker.create would otherwise re-bundle), with the failure
 * converter that keeps failure messages out of clear text in histories.
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    failureConverterPath,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
  });
  return bundle;
}

export interface SyncWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  dataConverter?: DataConverter;
  maxConcurrentActivityTaskExecutions?: number;
}

/** The worker that runs every workflow and activity of the sync on one task queue. */
export async function createSyncWorker(options: SyncWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(options.deps),
    interceptors: { activity: [activityTiming] },
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}
