import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../service/context.js';
import { composeService } from '../app/compose.js';
import { loadEnv } from '../config/env.js';
import { freePort } from '../scripts/free-port.js';
import { budgetsFor } from '../harness/budgets.js';
import { seedConnection, type BenchConnection } from '../harness/connection.js';
import { BENCH_QBO_VERIFIER, startBenchEmulators, type BenchEmulators } from '../harness/emulators.js';
import { serviceEnvVars } from '../harness/service-env.js';
import { startWorkerChild } from '../harness/worker-children.js';
import { startPgliteWireServer } from './pglite-wire-server.js';
import { startRestartableTemporal, type RestartableTemporal } from './temporal-server.js';
import { superviseWorkers, type WorkerSupervisor } from './worker-supervisor.js';
import { ensureAdjustmentWatch } from '../client/adjustment-watch.js';
import type { QbdEmulator, WebConnectorSimulator } from '../emulators/qbd/index.js';
import { connectEmulatedQbd } from '../harness/qbd-connection.js';

/**
 * The QuickBooks Desktop watch's change reads page this small, so they continue iterators (and meet their expiry) with
 * the few items and changes of a run.
 */
const QBD_CHANGE_READ_PAGE_SIZE = 3;

export interface ChaosStackOptions {
  master: 'qbo' | 'zuper';
  /** The accounting system: QuickBooks Online (default) or QuickBooks Desktop through its Web Connector. */
  accounting?: 'qbo' | 'qbd';
  /** Emulator clock speed-up: webhook retry schedules, latency and rate windows shrink by this factor. */
  timeScale: number;
  /** On a 2-node Temporal cluster instead of the dev server. */
  cluster?: boolean;
  /** Worker processes on the task queue (default 1); a worker kill stops one of them in turn. */
  workers?: number;
  /** Webhooks from both emulators to the intake (default); off, workflows are started by the caller only. */
  webhooks?: boolean;
  /** Service environment variables to set (e.g. a fixed SECRETS_KEY, so recorded histories can be decrypted). */
  env?: Record<string, string>;
  log: (line: string) => void;
}

export interface ChaosStack {
  emulators: BenchEmulators;
  /** The service in this process: store, Temporal client, API clients (the HTTP intake runs on it). */
  ctx: AppContext;
  connection: BenchConnection;
  taskQueue: string;
  temporal: RestartableTemporal;
  worker: WorkerSupervisor;
  /** QuickBooks Desktop's company file and its Web Connector polling the service; null on QuickBooks Online. */
  qbd: { emulator: QbdEmulator; connector: WebConnectorSimulator } | null;
  stop(): Promise<void>;
}

const ZUPER_PLAN_PER_MINUTE = 500;
const CHAOS_WATCH_PACING = { activeMs: 1_000, idleMs: 3_000, monthlyReadBudget: 1e9 };
/**
 * The service as deployed, on 127.0.0.1: both emulators sending real webhooks to the HTTP intake in this process,
 * a Temporal dev server that can be restarted (state on disk), one worker in a child process that can be killed,
 * and a database every process shares (PGlite served over the PostgreSQL protocol).
 */
export async function startChaosStack(options: ChaosStackOptions): Promise<ChaosStack> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch((e: Error) => options.log(`cleanup: ${e.message}`));
  };
  try {
    const folder = await mkdtemp(join(tmpdir(), 'qzsync-chaos-'));
    cleanup.push(() => rm(folder, { recursive: true, force: true }));
    const temporal = await startRestartableTemporal(folder, options.log, options.cluster);
    cleanup.push(() => temporal.stop());
    const database = await startPgliteWireServer();
    cleanup.push(() => database.close());
    const limits = { timeScale: options.timeScale, zuperPlanPerMinute: ZUPER_PLAN_PER_MINUTE };
    const emulators = await startBenchEmulators(limits);
    cleanup.push(() => emulators.close());

    const taskQueue = `chaos-${randomBytes(4).toString('hex')}`;
    const httpPort = await freePort();
    const vars = {
      ...serviceEnvVars({
        temporalAddress: temporal.address,
        taskQueue,
        databaseUrl: database.url,
        httpPort,
        qboEmulatorUrl: emulators.qbo.baseUrl,
        itemIdleTimeout: '2s',
      }),
      ...(options.accounting === 'qbd' ? { QBD_CHANGE_READ_PAGE_SIZE: String(QBD_CHANGE_READ_PAGE_SIZE) } : {}),
      ...options.env,
    };
    const webhooks = options.webhooks ?? true;
    const budgets = budgetsFor(limits);
    const service = await composeService(
      {
        env: loadEnv(vars),
        qboEmulatorUrl: emulators.qbo.baseUrl,
        budgets,
        http: {
          host: '127.0.0.1',
          port: httpPort,
          server: { webhookSigningKeys: { qbo: BENCH_QBO_VERIFIER }, logger: false },
        },
      },
      options.log,
    );
    cleanup.push(() => service.stop());
    const { ctx } = service;
    if (webhooks) emulators.sendQboWebhooksTo(`${service.http!.url}/webhooks/qbo`);

    const connectionId = `chaos-${options.master}`;
    const connection = await seedConnection(ctx, emulators, {
      connectionId,
      master: options.master,
      zuperWebhooks: webhooks,
    });
    const worker = await superviseWorkers(
      options.workers ?? 1,
      () => startWorkerChild(vars, { qboEmulatorUrl: emulators.qbo.baseUrl, budgets }),
      options.log,
    );
    cleanup.push(() => worker.stop());
    if (options.accounting === 'qbd') {
      // The QBO company seedConnection made stays unused: the connection's accounting system becomes QuickBooks Desktop.
      const qbd = await connectEmulatedQbd(ctx, connectionId, { httpPort, pollRealSeconds: 1, log: options.log });
      qbd.connector.start();
      cleanup.push(() => qbd.connector.stop());
      return { emulators, ctx, connection, taskQueue, temporal, worker, qbd, stop };
    }
    // QuickBooks users also correct counts, which no webhook announces: the quantity watch runs as in production,
    // polling faster so the run's timescale can see it work.
    await ensureAdjustmentWatch(ctx.temporal, { connectionId, taskQueue, pacing: CHAOS_WATCH_PACING });
    return { emulators, ctx, connection, taskQueue, temporal, worker, qbd: null, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
