import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { loadEnv } from '../config/env.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from './cluster-server.js';
import { nodePorts, postgresServerOf, startCluster, type RunningCluster } from './cluster-nodes.js';
import { ensurePortsFree } from './ports.js';
import { reportStartupFailure, step, StepFailed } from './startup-step.js';
import { spawnSupervised, type SupervisedProcess } from './supervised.js';

/**
 * `npm run cluster`: the production shape on one machine. Builds and caches the Temporal server and sql tool,
 * creates and migrates the Temporal databases on DATABASE_URL's PostgreSQL (default the local one), starts N server
 * nodes with SQL visibility, registers the namespace and search attributes (the scripts compose runs), then runs
 * the app against node 1 as `npm start` does, plus more worker processes with --workers.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);

const count = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new InvalidArgumentError('a whole number from 1 to 8');
  return n;
};

const options = new Command('npm run cluster --')
  .description('A real Temporal cluster on PostgreSQL on this machine, and the app on it.')
  .option('--nodes <n>', 'Temporal server processes', count, 2)
  .option('--workers <n>', 'worker processes (the first runs in the app process; more need DATABASE_URL)', count, 1)
  .option('--no-app', 'start only the cluster (for workers, the server or a bench you start yourself)')
  .parse()
  .opts<{ nodes: number; workers: number; app: boolean }>();

const started: Array<() => Promise<void>> = [];
let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), 20_000).unref();
  for (const stop of started.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}

/** Runs a compiled entry point of this package against the cluster; its end ends the whole run. */
function runEntry(entry: string, env: NodeJS.ProcessEnv): SupervisedProcess {
  const child = spawnSupervised(process.execPath, [fileURLToPath(new URL(entry, import.meta.url))], { env });
  void child.exited.then((code) => void stopAll(code ?? 1));
  started.push(() => child.stop());
  return child;
}

async function main() {
  const env = loadEnv();
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  const [host = '', port = ''] = env.TEMPORAL_ADDRESS.split(':');
  if (!['127.0.0.1', 'localhost'].includes(host)) {
    throw new StepFailed(
      `TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS} is not on this machine: npm run cluster starts its nodes on 127.0.0.1 (unset it, or use 127.0.0.1:<port>).`,
      '',
    );
  }
  if (options.workers > 1 && !env.DATABASE_URL) {
    throw new StepFailed(
      'More than one worker needs a database they share: set DATABASE_URL to PostgreSQL (e.g. postgres://root@127.0.0.1:5432/inventory_sync).',
      '',
    );
  }
  const basePort = Number(port);
  const frontends = Array.from({ length: options.nodes }, (_, i) => nodePorts(basePort, i).frontend.grpcPort);
  await step(
    say,
    'Checking ports',
    () =>
      ensurePortsFree(
        frontends.map((p, i) => ({
          host: '127.0.0.1',
          port: p,
          what: `Temporal node ${i + 1}`,
          setting: 'TEMPORAL_ADDRESS',
        })),
        env.DATA_DIR,
      ),
    { fix: 'Free the port or choose another TEMPORAL_ADDRESS port.' },
  );
  const cliPath = await step(say, 'Finding the Temporal CLI', () => ensureTemporalCli(say), {
    fix: 'Set TEMPORAL_CLI_PATH to a temporal binary.',
    progress: false,
  });
  const binaries = await step(
    say,
    `Finding the Temporal server ${TEMPORAL_SERVER_VERSION}`,
    () => ensureTemporalServer(say),
    {
      fix: 'Install Go 1.25+ so it can be built, then retry.',
      progress: false,
    },
  );
  const postgres = postgresServerOf(env.DATABASE_URL);
  const cluster: RunningCluster = await step(
    say,
    `Starting a ${options.nodes}-node Temporal cluster on PostgreSQL ${postgres.host}:${postgres.port}`,
    () =>
      startCluster({
        binaries,
        cliPath,
        dir: join(env.DATA_DIR, 'cluster'),
        postgres,
        databases: { temporal: 'temporal', visibility: 'temporal_visibility' },
        basePort,
        nodes: options.nodes,
        namespace: env.TEMPORAL_NAMESPACE,
        log: say,
      }),
    { fix: `See the node logs in ${join(env.DATA_DIR, 'cluster')}.` },
  );
  started.push(() => cluster.stop());
  say(
    `Temporal cluster: ${cluster.nodes.map((node) => node.address).join(', ')} (namespace ${env.TEMPORAL_NAMESPACE})`,
  );
  if (!options.app) {
    say('Press Ctrl-C to stop.');
    return;
  }
  const appEnv = { ...process.env, TEMPORAL_ADDRESS: cluster.address, TEMPORAL_DEV_SERVER: 'off' };
  runEntry('./start.js', appEnv);
  for (let extra = 1; extra < options.workers; extra++) runEntry('../app/worker-main.js', appEnv);
}

main().catch((error: unknown) => {
  reportStartupFailure(error);
  void stopAll(1);
});
