import { Runtime } from '@temporalio/worker';
import { loadEnv } from '../config/env.js';
import { jsonRuntimeLogger } from '../observability/runtime-logger.js';
import { createAppContext } from '../service/context.js';
import { startWorker } from './run-worker.js';

/** `node dist/worker/main.js`: one worker process; run as many as needed on the same task queue. */
try {
  const env = loadEnv();
  Runtime.install({ logger: jsonRuntimeLogger(env.LOG_LEVEL) });
  const ctx = await createAppContext(env);
  const { worker, running, connection } = await startWorker(ctx);
  // Temporal's Runtime also reacts to these signals; shut down only once.
  const stop = () => worker.getState() === 'RUNNING' && worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await running;
  await connection.close();
  await ctx.close();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
