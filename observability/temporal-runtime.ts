import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { Env } from '../config/env.js';

/**
 * Installs the Temporal Core runtime of a process that runs a worker. With TEMPORAL_METRICS_ADDRESS, the runtime
 * serves the SDK's own worker metrics (task slots, polls, schedule-to-start and execution latencies, workflow and
 * activity outcomes; prefixed `temporal_`) for Prometheus there, beside the service's `/metrics`. A process installs
 * the runtime once, before its first worker or native connection, hence this one place for every entry that runs a
 * worker.
 */
export function installWorkerRuntime(
  env: Pick<Env, 'TEMPORAL_METRICS_ADDRESS'>,
  options: Pick<RuntimeOptions, 'logger' | 'shutdownSignals'>,
): void {
  const bindAddress = env.TEMPORAL_METRICS_ADDRESS;
  if (bindAddress === undefined) {
    Runtime.install(options);
    return;
  }
  try {
    Runtime.install({ ...options, telemetryOptions: { metrics: { prometheus: { bindAddress } } } });
  } catch (error) {
    // The runtime binds the port at once; a taken one is named with the setting that moves it.
    throw new Error(`TEMPORAL_METRICS_ADDRESS=${bindAddress}: ${(error as Error).message}`, { cause: error });
  }
}
