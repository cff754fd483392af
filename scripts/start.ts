import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { jsonRuntimeLogger } from '../observability/runtime-logger.js';
import { ConfigError, loadEnv, usesEmulators } from '../config/env.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { startDevServer, type RunningDevServer } from './dev-server.js';
import { startEmulators, type RunningEmulators } from '../emulators/start-both.js';
import { createAppContext } from '../app/context.js';
import { createHttpServer } from '../app/http-server.js';
import { publicBaseUrl } from '../app/qbo-app-config.js';
import { startWorker } from '../worker/run-worker.js';
import { DEMO_QBO_VERIFIER, seedDemo } from '../app/demo.js';
import { startDemoActivity } from '../app/demo-activity.js';
import { operatorToken } from '../security/operator-token.js';

/**
 * `npm start`: the whole service on one machine with embedded defaults — a Temporal dev server (UI on :8233)
 * persisting to the data folder, PGlite, the worker and the HTTP server in one process, and, without real QBO
 * credentials, both emulators with a demo company whose quantities move every few seconds.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);

async function temporalAnswers(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const env = loadEnv();
  // The demo narrates on stdout; the worker's JSON log lines are kept to warnings here.
  Runtime.install({ logger: jsonRuntimeLogger('warn') });
  let devServer: RunningDevServer | null = null;
  if (!(await temporalAnswers(env.TEMPORAL_ADDRESS))) {
    const [host, port] = env.TEMPORAL_ADDRESS.split(':');
    if (host !== '127.0.0.1' && host !== 'localhost') {
      throw new Error(`Temporal does not answer at ${env.TEMPORAL_ADDRESS}; start it or unset TEMPORAL_ADDRESS`);
    }
    say('Starting the Temporal dev server…');
    devServer = await startDevServer({
      cliPath: await ensureTemporalCli(say),
      port: Number(port),
      uiPort: env.TEMPORAL_UI_PORT,
      dbFile: join(env.DATA_DIR, 'temporal.db'),
      codecEndpoint: `${publicBaseUrl(env)}/codec`,
    });
  }
  const emulators: RunningEmulators | null = usesEmulators(env)
    ? await startEmulators({ qbo: env.QBO_EMULATOR_PORT, zuper: env.ZUPER_EMULATOR_PORT })
    : null;
  const ctx = await createAppContext(env, { qboEmulatorUrl: emulators?.qbo.baseUrl ?? null });
  const { worker, running, connection } = await startWorker(ctx);
  const app = createHttpServer(ctx, {
    ...(emulators ? { qboVerifierToken: DEMO_QBO_VERIFIER } : {}),
    logger: { level: 'warn' },
  });
  await app.listen({ host: env.HTTP_HOST, port: env.HTTP_PORT });

  let stopDemo = () => undefined as void;
  if (emulators) {
    say('Seeding the demo companies in the emulators and linking their catalogs…');
    const demo = await seedDemo(ctx, emulators);
    const s = demo.link.summary;
    say(
      `Linked the demo catalogs: ${s.create} items copied from QuickBooks to Zuper, ${s.skip} reported as not copied.`,
    );
    stopDemo = startDemoActivity(ctx, emulators, demo, say);
  }
  say(
    [
      '',
      `Temporal UI:     http://127.0.0.1:${env.TEMPORAL_UI_PORT}  (filter: ConnectionId="demo" AND SyncKind="quantity")`,
      `Service:         ${publicBaseUrl(env)}  (/healthz, /readyz, /metrics, webhooks, OAuth)`,
      emulators ? `Emulators:       QuickBooks ${emulators.qbo.baseUrl}, Zuper ${emulators.zuper.baseUrl}` : '',
      `Operator CLI:    npx qzsync status demo | npx qzsync history demo | npx qzsync reconcile demo`,
      `                 (token in ${join(env.DATA_DIR, 'operator-token')})`,
      'Press Ctrl-C to stop.',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
  operatorToken(env);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    stopDemo();
    await app.close();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
    await ctx.close();
    await emulators?.close();
    await devServer?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
