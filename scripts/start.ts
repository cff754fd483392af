import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { jsonRuntimeLogger } from '../observability/runtime-logger.js';
import { installWorkerRuntime } from '../observability/temporal-runtime.js';
import { emulatorUrls, loadEnv, usesEmulators, type Env } from '../config/env.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { startDevServer } from './dev-server.js';
import { ensurePortsFree, type PlannedPort } from './ports.js';
import { reportStartupFailure, step, StepFailed } from './startup-step.js';
import { emulatorStateFiles, startEmulators, startZuperAlone } from '../emulators/start-both.js';
import {
  emulatorsAdminClient,
  zuperAdminClient,
  type EmulatorsAdminClient,
  type ZuperAdminClient,
} from '../emulators/admin-client.js';
import { publicBaseUrl } from '../config/public-url.js';
import { composeService, type ComposePart } from '../app/compose.js';
import { DEMO_CONNECTION, DEMO_QBO_VERIFIER, seedDemo } from '../demo/qbo-demo.js';
import {
  openQbdDemoCompany,
  pauseDemosNotRunning,
  qbdDemoActors,
  seedQbdDemo,
  type QbdDemoEmulators,
} from '../demo/qbd-demo.js';
import { qboDemoActors, startDemoActivity } from '../demo/activity.js';
import { operatorToken } from '../security/operator-token.js';
import type { AppContext } from '../service/context.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { registerConsole, type ConsoleHandle } from '../console/routes.js';
import { applyWorkerHeapGrowth } from '../worker/heap-growth.js';

/**
 * `npm start`: the whole service on one machine with embedded defaults — a Temporal dev server (UI on :8233)
 * persisting to the data folder, PGlite, the worker and the HTTP server in one process, and, without real QBO
 * credentials, both emulators with a demo company whose quantities move every few seconds. With DEMO_ACCOUNTING=qbd
 * the demo's accounting side is the QuickBooks Desktop emulator and its Web Connector instead of QuickBooks Online.
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

const attachInstead = 'set EMULATORS=external to use the emulators of `npm run emulators` that listen there';

/**
 * The ports this start will listen on, so a taken one is named before anything starts. The QuickBooks Desktop demo
 * runs no QuickBooks Online emulator (its company file has no port: its Web Connector calls the service).
 */
function plannedPorts(env: Env, devServerPort: number | null, emulators: boolean): PlannedPort[] {
  const qboEmulator = emulators && env.DEMO_ACCOUNTING === 'qbo';
  const local = '127.0.0.1';
  return [
    ...(devServerPort === null
      ? []
      : [
          {
            host: local,
            port: devServerPort,
            what: 'the Temporal dev server',
            setting: 'TEMPORAL_ADDRESS',
            alternative: 'set TEMPORAL_DEV_SERVER=off to use the Temporal that listens there',
          },
          { host: local, port: env.TEMPORAL_UI_PORT, what: 'the Temporal UI', setting: 'TEMPORAL_UI_PORT' },
        ]),
    ...(qboEmulator
      ? [
          {
            host: local,
            port: env.QBO_EMULATOR_PORT,
            what: 'the QuickBooks emulator',
            setting: 'QBO_EMULATOR_PORT',
            alternative: attachInstead,
          },
        ]
      : []),
    ...(emulators
      ? [
          {
            host: local,
            port: env.ZUPER_EMULATOR_PORT,
            what: 'the Zuper emulator',
            setting: 'ZUPER_EMULATOR_PORT',
            alternative: attachInstead,
          },
        ]
      : []),
    { host: env.HTTP_HOST, port: env.HTTP_PORT, what: 'the service', setting: 'HTTP_PORT' },
  ];
}

/** The port of a TEMPORAL_ADDRESS on this machine that `npm start` should run a dev server on, or null. */
function devServerPort(env: Env): number | null {
  const [host, port] = env.TEMPORAL_ADDRESS.split(':');
  const local = host === '127.0.0.1' || host === 'localhost';
  return local && env.TEMPORAL_DEV_SERVER === 'on' ? Number(port) : null;
}

/** External emulators must answer before the service relies on them. */
async function emulatorsAnswer(emulators: EmulatorsAdminClient): Promise<void> {
  await emulators.qbo.listRealms();
  await emulators.zuper.listCompanies();
}

/** What the demo runs on: the QuickBooks Online and Zuper emulators, or QuickBooks Desktop's and Zuper. */
type DemoEmulators = { on: 'qbo'; emulators: EmulatorsAdminClient } | { on: 'qbd'; emulators: QbdDemoEmulators };

/** What start-up has started so far; Ctrl-C, SIGTERM or a failed step stops it in reverse order. */
const started: Array<() => Promise<void> | void> = [];
let stopping = false;

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A part that hangs while stopping must not keep the process: its children end with it anyway.
  setTimeout(() => process.exit(code), 15_000).unref();
  for (const stop of started.reverse()) {
    try {
      await stop();
    } catch (error) {
      process.stderr.write(`While stopping: ${(error as Error).message}\n`);
    }
  }
  process.exit(code);
}

/** The console's line of the summary: a one-time sign-in link in development, else its address. */
function consoleLine(webConsole: ConsoleHandle, url: string): string {
  if (webConsole.off) return `Web console:     off: ${webConsole.off}`;
  const link = webConsole.signInLink();
  return link
    ? `Web console:     ${link}  (one-time sign-in link, valid 10 min; then ${url})`
    : `Web console:     ${url}  (sign in with CONSOLE_USERNAME and CONSOLE_PASSWORD)`;
}

/**
 * Starts the demo's emulators (DEMO_ACCOUNTING: QuickBooks Online's and Zuper's, or QuickBooks Desktop's company file
 * and Zuper's), or reaches those `npm run emulators` runs apart. The QuickBooks Desktop company file always runs in
 * this process: its Web Connector is a client of the service, with no port of its own.
 */
async function startDemoEmulators(env: Env, external: boolean): Promise<DemoEmulators> {
  const urls = emulatorUrls(env);
  const writable = `check that ${env.DATA_DIR} is writable.`;
  if (env.DEMO_ACCOUNTING === 'qbo') {
    if (external) {
      const emulators = emulatorsAdminClient(urls);
      await step(say, `Reaching the emulators at ${urls.qbo} and ${urls.zuper}`, () => emulatorsAnswer(emulators), {
        fix: 'Start them with "npm run emulators" (same DATA_DIR), or set QBO_EMULATOR_URL and ZUPER_EMULATOR_URL.',
      });
      return { on: 'qbo', emulators };
    }
    const running = await step(
      say,
      'Starting the emulators',
      () => startEmulators({ qbo: env.QBO_EMULATOR_PORT, zuper: env.ZUPER_EMULATOR_PORT, dataDir: env.DATA_DIR }),
      { fix: `Free QBO_EMULATOR_PORT and ZUPER_EMULATOR_PORT or choose other ones; ${writable}` },
    );
    started.push(() => running.close());
    return { on: 'qbo', emulators: emulatorsAdminClient({ qbo: running.qbo.baseUrl, zuper: running.zuper.baseUrl }) };
  }
  let zuper: ZuperAdminClient;
  if (external) {
    zuper = zuperAdminClient(urls.zuper);
    await step(say, `Reaching the Zuper emulator at ${urls.zuper}`, () => zuper.listCompanies(), {
      fix: 'Start it with "npm run emulators" (same DATA_DIR), or set ZUPER_EMULATOR_URL.',
    });
  } else {
    const running = await step(
      say,
      'Starting the Zuper emulator',
      () => startZuperAlone(env.ZUPER_EMULATOR_PORT, env.DATA_DIR),
      { fix: `Free ZUPER_EMULATOR_PORT or choose another one; ${writable}` },
    );
    started.push(() => running.close());
    zuper = zuperAdminClient(running.baseUrl);
  }
  const qbd = await step(
    say,
    `Opening the QuickBooks Desktop emulator's company file ${emulatorStateFiles(env.DATA_DIR).qbd}`,
    () => Promise.resolve(openQbdDemoCompany(env.DATA_DIR)),
    { fix: `Check that ${env.DATA_DIR} is writable.` },
  );
  started.push(() => qbd.close());
  return { on: 'qbd', emulators: { qbd, zuper } };
}

/** Seeds or resumes the demo, then starts its activity; answers the demo connection's id. */
async function runDemo(ctx: AppContext, demo: DemoEmulators): Promise<string> {
  const fix = 'Start again; if it fails the same way, run with LOG_LEVEL=debug and report the lines above.';
  const linked = (link: LinkCatalogResult | null, from: string) =>
    link
      ? `Linked the demo catalogs: ${link.summary.create} items copied from ${from} to Zuper, ${link.summary.skip} reported as not copied.`
      : 'Resumed the demo of the last run: same companies, quantities, links and history.';
  if (demo.on === 'qbo') {
    const live = demo.emulators;
    const seeded = await step(
      say,
      'Resuming the demo, or seeding its companies in the emulators and linking their catalogs',
      () => seedDemo(ctx, live),
      { fix },
    );
    say(linked(seeded.link, 'QuickBooks'));
    started.push(startDemoActivity(ctx, qboDemoActors(live, seeded), say));
    return seeded.connectionId;
  }
  const live = demo.emulators;
  const seeded = await step(
    say,
    'Resuming the QuickBooks Desktop demo, or seeding its company file and Zuper company, connecting the Web Connector and linking their catalogs',
    () => seedQbdDemo(ctx, live),
    { fix },
  );
  // Before the service stops, so no session of the Web Connector meets a service on its way out.
  started.push(() => seeded.connector.stop());
  say(linked(seeded.link, 'QuickBooks Desktop'));
  started.push(startDemoActivity(ctx, qbdDemoActors(live, seeded), say));
  return seeded.connectionId;
}

/** What the demo's emulators are and where they answer. */
function emulatorsLine(env: Env, demo: DemoEmulators): string {
  if (demo.on === 'qbo') return `QuickBooks ${demo.emulators.qbo.baseUrl}, Zuper ${demo.emulators.zuper.baseUrl}`;
  return `QuickBooks Desktop (company file ${emulatorStateFiles(env.DATA_DIR).qbd}; its Web Connector calls the service's /qbwc every second), Zuper ${demo.emulators.zuper.baseUrl}`;
}

async function main() {
  const env = loadEnv();
  // This process runs the worker: its heap's growth is set before the emulators and the worker fill the heap.
  applyWorkerHeapGrowth(env);
  // The demo narrates on stdout; the worker's JSON log lines are kept to warnings here. Signals are handled below,
  // not by the runtime, so that Ctrl-C during start-up stops what has started so far.
  installWorkerRuntime(env, { logger: jsonRuntimeLogger('warn'), shutdownSignals: [] });
  const onSignal = () => {
    if (!stopping) say('Stopping…');
    void stopAll(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  say(`Web console: ${publicBaseUrl(env)}/console (its sign-in link follows when the service is ready)`);
  const withEmulators = usesEmulators(env);
  const externalEmulators = env.EMULATORS === 'external';
  const temporalPort = devServerPort(env);
  await step(
    say,
    'Checking ports',
    () => ensurePortsFree(plannedPorts(env, temporalPort, withEmulators && !externalEmulators), env.DATA_DIR),
    { fix: 'Free the port or choose another one in .env.' },
  );
  if (temporalPort !== null) {
    const cliPath = await step(say, 'Finding the Temporal CLI', () => ensureTemporalCli(say), {
      fix: 'Set TEMPORAL_CLI_PATH to a temporal binary.',
      progress: false,
    });
    const devServer = await step(
      say,
      'Starting the Temporal dev server',
      () =>
        startDevServer({
          cliPath,
          port: temporalPort,
          uiPort: env.TEMPORAL_UI_PORT,
          dbFile: join(env.DATA_DIR, 'temporal.db'),
          codecEndpoint: `${publicBaseUrl(env)}/codec`,
        }),
      { fix: `Run "${cliPath} server start-dev" by hand to see why, or set TEMPORAL_DEV_SERVER=off to use your own.` },
    );
    started.push(() => devServer.stop());
  } else if (!(await temporalAnswers(env.TEMPORAL_ADDRESS))) {
    throw new StepFailed(
      `Temporal does not answer at ${env.TEMPORAL_ADDRESS}: start it there, or point TEMPORAL_ADDRESS at a local address with TEMPORAL_DEV_SERVER=on to let npm start run one.`,
      '',
    );
  }
  const demo = withEmulators ? await startDemoEmulators(env, externalEmulators) : null;
  const qboEmulators = demo?.on === 'qbo' ? demo.emulators : null;
  const steps: Record<ComposePart, [string, string]> = {
    context: [
      'Opening the database',
      env.DATABASE_URL ? 'Check that DATABASE_URL reaches PostgreSQL.' : `Check that ${env.DATA_DIR} is writable.`,
    ],
    worker: ['Starting the worker', `Check that Temporal answers at ${env.TEMPORAL_ADDRESS}.`],
    listen: ['Starting the HTTP server', 'Free HTTP_PORT or choose another one.'],
  };
  let webConsole: ConsoleHandle | null = null;
  const service = await composeService(
    {
      env,
      qboEmulatorUrl: qboEmulators?.qbo.baseUrl ?? null,
      worker: true,
      upkeep: true,
      http: {
        host: env.HTTP_HOST,
        port: env.HTTP_PORT,
        server: {
          ...(qboEmulators ? { webhookSigningKeys: { qbo: DEMO_QBO_VERIFIER } } : {}),
          logger: { level: 'warn' },
        },
        // Registered here, not in server/: the console uses the operator API, which sits on the server.
        beforeListen: (app, ctx) => (webConsole = registerConsole(app, ctx)),
      },
      phase: (part, start) => step(say, steps[part][0], start, { fix: steps[part][1] }),
    },
    (line) => process.stderr.write(`While stopping: ${line}\n`),
  );
  started.push(() => service.stop());
  const { ctx } = service;

  for (const paused of await pauseDemosNotRunning(ctx, demo?.on ?? null)) {
    say(`The ${paused.id} connection is paused: ${paused.reason}.`);
  }
  const connectionId = demo ? await runDemo(ctx, demo) : DEMO_CONNECTION;
  say(
    [
      '',
      consoleLine(webConsole!, `${publicBaseUrl(env)}/console`),
      `Temporal UI:     http://127.0.0.1:${env.TEMPORAL_UI_PORT}  (filter: ConnectionId="${connectionId}" AND SyncKind="quantity")`,
      `Service:         ${publicBaseUrl(env)}  (/healthz, /readyz, /metrics, webhooks, OAuth, /qbwc)`,
      demo ? `Emulators:       ${emulatorsLine(env, demo)}` : '',
      `Operator CLI:    npx qzsync status ${connectionId} | npx qzsync history ${connectionId} | npx qzsync reconcile ${connectionId}`,
      env.OPERATOR_TOKEN
        ? '                 (token: the OPERATOR_TOKEN setting)'
        : `                 (token in ${join(env.DATA_DIR, 'operator-token')})`,
      'Press Ctrl-C to stop.',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
  operatorToken(env);
}

main().catch((error: unknown) => {
  reportStartupFailure(error);
  void stopAll(1);
});
