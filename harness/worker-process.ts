import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadEnv } from '../config/env.js';
import { composeService } from '../app/compose.js';
import { childVarsSchema } from './service-env.js';
import { applyWorkerHeapGrowth } from '../worker/heap-growth.js';

/**
 * A benchmark's worker child: what `app/worker-main.ts` runs, with the API budgets the benchmark configured (the service
 * has no setting for a Zuper plan's limit, only `composeService`'s `budgets`). Prints `ready` once polling.
 */
Runtime.install({ logger: new DefaultLogger('WARN') });
const env = loadEnv();
applyWorkerHeapGrowth(env);
const extra = childVarsSchema.parse(process.env);
const service = await composeService({
  env,
  qboEmulatorUrl: extra.BENCH_QBO_URL,
  budgets: extra.BENCH_API_BUDGETS,
  worker: true,
});
const stop = () => service.worker?.getState() === 'RUNNING' && service.worker.shutdown();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.stdout.write('ready\n');
await service.workerDone;
await service.stop();
