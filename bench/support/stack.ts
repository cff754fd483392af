import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ApiBudgets } from '../../integrations/rate-limiter.js';
import type { AppContext } from '../../service/context.js';
import { composeService } from '../../app/compose.js';
import { loadEnv } from '../../config/env.js';
import { freePort } from '../../scripts/free-port.js';
import type { BenchEnvironment } from './benchmark.js';
import { budgetsFor } from '../../harness/budgets.js';
import { createFreshDatabase, type FreshDatabase } from './database.js';
import {
  BENCH_QBO_VERIFIER,
  startBenchEmulators,
  type BenchEmulators,
  type EmulatorLimits,
} from '../../harness/emulators.js';
import { serviceEnvVars } from '../../harness/service-env.js';
import { startWorkerChild, type WorkerChild } from '../../harness/worker-children.js';

export interface BenchStackOptions extends EmulatorLimits {
  /** Worker processes on the stack's task queue. */
  workers: number;
  /** Also a worker in this process (the only kind PGlite allows: its store lives in this process). */
  inProcessWorker?: boolean;
  /** Serve the webhook intake from this process and point the QBO app's webhooks at it. */
  intake: boolean;
  /** `postgres`: a fresh database on the local server (required with workers); `pglite`: in memory, this process. */
  database: 'postgres' | 'pglite';
  /** Called with the intake before it listens (hooks to observe deliveries). */
  beforeListen?: (app: FastifyInstance) => void;
  itemIdleTimeout?: string;
  /** Export every process's trace spans (this one's and the workers') to this OTLP/HTTP endpoint. */
  traceTo?: string;
}

export interface BenchStack {
  emulators: BenchEmulators;
  /** The service's context in this process: store, Temporal client, connection clients. */
  ctx: AppContext;
  taskQueue: string;
  budgets: ApiBudgets;
  workers: WorkerChild[];
  /** Starts one more worker process on the stack's task queue (added to `workers`, stopped with the stack). */
  addWorker(): Promise<WorkerChild>;
  /** The fresh PostgreSQL database the service stores in; null with PGlite. */
  database: FreshDatabase | null;
  intakeUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Ends the workflows still running on a stack's task queue (item workflows waiting out their idle time): nothing polls
 * that queue once the stack stops, so they would only time out their tasks on the server during the next benchmark.
 * Keeping runs apart is connectionIdFor's job (visibility lags, so this list may miss some).
 */
async function terminateLeftovers(ctx: AppContext, taskQueue: string): Promise<void> {
  const running = ctx.temporal.workflow.list({ query: `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"` });
  for await (const execution of running) {
    await ctx.temporal.workflow
      .getHandle(execution.workflowId, execution.runId)
      .terminate('the benchmark stack stopped')
      .catch(() => undefined); // it ended on its own meanwhile
  }
}

/**
 * The service as deployed with PostgreSQL: emulators and (optionally) the HTTP intake in this process, worker
 * processes on a private task queue of the run's Temporal server, everything on 127.0.0.1.
 */
export async function startBenchStack(env: BenchEnvironment, options: BenchStackOptions): Promise<BenchStack> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch((e: Error) => env.log(`cleanup: ${e.message}`));
  };
  try {
    const emulators = await startBenchEmulators(options);
    cleanup.push(() => emulators.close());
    const database = options.database === 'postgres' ? await createFreshDatabase() : null;
    if (database) cleanup.push(() => database.drop());
    const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
    const httpPort = await freePort();
    const vars = serviceEnvVars({
      temporalAddress: env.temporalAddress,
      taskQueue,
      ...(database ? { databaseUrl: database.url } : {}),
      httpPort,
      qboEmulatorUrl: emulators.qbo.baseUrl,
      ...(options.itemIdleTimeout ? { itemIdleTimeout: options.itemIdleTimeout } : {}),
    });
    if (options.traceTo) vars.OTEL_EXPORTER_OTLP_ENDPOINT = options.traceTo;
    const budgets = budgetsFor(options);
    const service = await composeService(
      {
        env: loadEnv(vars),
        qboEmulatorUrl: emulators.qbo.baseUrl,
        budgets,
        // Bounded drain: a worker that cannot drain must not keep the process alive.
        ...(options.inProcessWorker ? { worker: true, drainMs: 15_000 } : {}),
        ...(options.intake
          ? {
              http: {
                host: '127.0.0.1',
                port: httpPort,
                server: { webhookSigningKeys: { qbo: BENCH_QBO_VERIFIER }, logger: false },
                ...(options.beforeListen ? { beforeListen: options.beforeListen } : {}),
              },
            }
          : {}),
      },
      (line) => env.log(line),
    );
    cleanup.push(() => service.stop());
    const { ctx } = service;
    // Runs after the workers stopped (cleanup goes in reverse), before the service closes its Temporal client.
    cleanup.push(() => terminateLeftovers(ctx, taskQueue));
    const intakeUrl = service.http?.url ?? null;
    if (intakeUrl) emulators.sendQboWebhooksTo(`${intakeUrl}/webhooks/qbo`);
    const workers: WorkerChild[] = [];
    const addWorker = async () => {
      if (!database) throw new Error('worker processes need PostgreSQL');
      const worker = await startWorkerChild(vars, { qboEmulatorUrl: emulators.qbo.baseUrl, budgets });
      workers.push(worker);
      cleanup.push(() => worker.stop());
      return worker;
    };
    const started = await Promise.allSettled(Array.from({ length: options.workers }, addWorker));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    return { emulators, ctx, taskQueue, budgets, workers, addWorker, database, intakeUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
