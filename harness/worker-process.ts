import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadEnv } from '../config/env.js';
import { createAppContext } from '../service/context.js';
import { createSyncWorker } from '../worker/create-worker.js';
import { childVarsSchema } from './service-env.js';

/**
 * A benchmark's worker child: what `worker/main.ts` runs, with the API budgets the benchmark configured (the service
 * has no setting for a Zuper plan's limit, only `createAppContext`'s `budgets`). Prints `ready` once polling.
 */
Runtime.install({ logger: new DefaultLogger('WARN') });
const env = loadEnv();
const extra = childVarsSchema.parse(process.env);
const ctx = await createAppContext(env, { qboEmulatorUrl: extra.BENCH_QBO_URL, budgets: extra.BENCH_API_BUDGETS });
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const worker = await createSyncWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  deps: ctx.activityDeps,
  dataConverter: ctx.dataConverter,
});
const stop = () => worker.getState() === 'RUNNING' && worker.shutdown();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
const running = worker.run();
process.stdout.write('ready\n');
await running;
await connection.close();
await ctx.close();
