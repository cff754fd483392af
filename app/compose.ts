import type { FastifyInstance } from 'fastify';
import type { Worker } from '@temporalio/worker';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ApiBudgets } from '../integrations/rate-limiter.js';
import type { Env } from '../config/env.js';
import { createAppContext, type AppContext } from '../service/context.js';
import { startTracing } from '../observability/tracing.js';
import { createHttpServer } from '../server/http-server.js';
import type { ServerOptions } from '../server/server-options.js';
import { createContextWorker, startWorker } from '../worker/run-worker.js';

export interface ComposeOptions {
  env: Env;
  /** Point the QuickBooks client at an emulator instead of Intuit. */
  qboEmulatorUrl?: string | null;
  budgets?: ApiBudgets;
  /** Connect to Temporal on first use, so the HTTP server answers before Temporal does. */
  lazyTemporal?: boolean;
  /** Serve the whole HTTP surface (intake, OAuth, health, operator API, codec); port 0 takes any free port. */
  http?: {
    host: string;
    port: number;
    server?: ServerOptions;
    beforeListen?: (app: FastifyInstance, ctx: AppContext) => void;
  };
  /** Run a worker on the environment's task queue in this process. */
  worker?: boolean;
  /** With the worker, its upkeep as `npm run worker` runs it: every connection's schedule and watch, the token keeper. */
  upkeep?: boolean;
  /** On stop, wait at most this long for the worker to drain, so a worker that cannot drain does not keep the process. */
  drainMs?: number;
  /** Wraps the start of each part (opening the store and clients, the worker, the HTTP server's listen), e.g. to
   *  report progress; each part is simply started without it. */
  phase?: <T>(part: ComposePart, start: () => Promise<T>) => Promise<T>;
  /** Trace into this exporter (each span as it ends) whatever the environment says, e.g. an in-memory one in a test. */
  spanExporter?: SpanExporter;
}

export type ComposePart = 'context' | 'worker' | 'listen';

export interface ComposedService {
  ctx: AppContext;
  http: { app: FastifyInstance; url: string } | null;
  worker: Worker | null;
  /** Settles when the worker has stopped, by `stop` or on its own (a shutdown signal); null without a worker. */
  workerDone: Promise<void> | null;
  /** Stops what was started, last first; also used when a later part failed to start. */
  stop(): Promise<void>;
}

/**
 * The one composition root: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT or `spanExporter` asks for it), the store (with
 * migrations), the Temporal client, the API clients (real or emulated), and, as asked, the HTTP server and an in-process worker. Benchmarks, chaos runs and tests build the service here
 * and differ only in these options.
 */
export async function composeService(
  options: ComposeOptions,
  log: (line: string) => void = () => undefined,
): Promise<ComposedService> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanup.splice(0).reverse()) {
      await step().catch((e: Error) => log(`cleanup: ${e.message}`));
    }
  };
  const phase: NonNullable<ComposeOptions['phase']> = options.phase ?? ((_part, start) => start());
  try {
    // First in, last out: spans of everything below are exported before the process lets go of tracing.
    const tracing = startTracing(options.env, options.spanExporter);
    if (tracing) cleanup.push(() => tracing.shutdown());
    const ctx = await phase('context', () =>
      createAppContext(options.env, {
        tracing,
        qboEmulatorUrl: options.qboEmulatorUrl ?? null,
        ...(options.budgets ? { budgets: options.budgets } : {}),
        ...(options.lazyTemporal ? { lazyTemporal: true } : {}),
      }),
    );
    cleanup.push(() => ctx.close());
    const started = options.worker ? await phase('worker', () => startInProcessWorker(ctx, options, cleanup)) : null;
    let http: ComposedService['http'] = null;
    if (options.http) {
      const app = createHttpServer(ctx, options.http.server);
      options.http.beforeListen?.(app, ctx);
      const { host, port } = options.http;
      // Closed also when listening fails (a taken port): closing stops what the app started, such as the intake dispatcher.
      cleanup.push(() => app.close());
      await phase('listen', () => app.listen({ host, port }));
      const listening = (app.server.address() as { port: number }).port;
      http = { app, url: `http://${host}:${listening}` };
    }
    return { ctx, http, worker: started?.worker ?? null, workerDone: started?.running ?? null, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startInProcessWorker(
  ctx: AppContext,
  options: ComposeOptions,
  cleanup: (() => Promise<unknown>)[],
): Promise<{ worker: Worker; running: Promise<void> }> {
  const { worker, connection, running } = options.upkeep
    ? await startWorker(ctx)
    : await createContextWorker(ctx).then((created) => ({ ...created, running: created.worker.run() }));
  cleanup.push(() => connection.close());
  cleanup.push(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    const drained = options.drainMs === undefined ? [] : [new Promise((r) => setTimeout(r, options.drainMs).unref())];
    await Promise.race([running, ...drained]);
  });
  return { worker, running };
}
