import { loadEnv } from '../config/env.js';
import { jsonRuntimeLogger } from '../observability/runtime-logger.js';
import { installWorkerRuntime } from '../observability/temporal-runtime.js';
import { composeService } from './compose.js';
import { applyWorkerHeapGrowth } from '../worker/heap-growth.js';

/**
 * `npm run worker` (`node dist/app/worker-main.js`): one worker process with its upkeep (every connection's schedule
 * and watch, the token keeper); run as many as needed on the same task queue. Here, beside the server's entry, because
 * it is built by the composition root, which sits above worker/.
 */
try {
  const env = loadEnv();
  applyWorkerHeapGrowth(env);
  installWorkerRuntime(env, { logger: jsonRuntimeLogger(env.LOG_LEVEL) });
  let stopFailed = false;
  const service = await composeService({ env, worker: true, upkeep: true }, (line) => {
    stopFailed = true;
    process.stderr.write(`${line}\n`);
  });
  const { worker } = service;
  // Temporal's Runtime also reacts to these signals; shut down only once.
  const stop = () => worker?.getState() === 'RUNNING' && worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await service.workerDone;
  await service.stop();
  if (stopFailed) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
