import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureTemporalCli } from './temporal-cli.js';
import { ensureTemporalServer } from './cluster-server.js';
import { startDevServer, type RunningDevServer } from './dev-server.js';
import { describeNamespace, keepAnswering } from './dev-server-keeper.js';
import { freePort } from './free-port.js';

/** Only `*.test.js` files: Node 20 would otherwise also run every helper module under a `test` folder. */
function testFiles(targets: string[]): string[] {
  return targets.flatMap((target) =>
    statSync(target).isDirectory()
      ? readdirSync(target, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.test.js'))
          .sort()
          .map((f) => join(target, f))
      : [target],
  );
}

/**
 * Tests that load both cores for minutes on their own (several Temporal server nodes, the chaos run, a fleet of
 * companies) run first, one at a time, so the load they make does not slow the tests beside them past their waits.
 */
const runsAlone = (file: string): boolean =>
  [
    `${sep}cluster${sep}cluster-sync.test.js`,
    `${sep}chaos${sep}chaos.test.js`,
    `${sep}bench${sep}many-companies.test.js`,
    // The dev server's store got stuck while these two ran side by side, in four CI runs; apart, the keeper below
    // is left for what else may set it off.
    `${sep}cli${sep}commands-setup.test.js`,
    `${sep}cli${sep}commands-sync.test.js`,
  ].some((suffix) => file.endsWith(suffix));

/** A test that never settles fails after this long instead of holding the run (and CI) until its own deadline. */
const TEST_TIMEOUT_MS = 10 * 60_000;

/**
 * `npm test`: one real Temporal dev server for the whole run (tests never mock Temporal), then Node's test runner
 * over dist/test. Extra arguments are passed to `node --test` (e.g. a narrower folder).
 *
 * Every binary a test needs is built before any test starts: the cluster tests' server takes minutes of both cores
 * to build on a fresh machine, and built in the middle of the run it starved the dev server until its in-memory
 * store timed out ("Namespace default was not found") and the tests beside it failed.
 */
const targets = process.argv.slice(2);
const files = testFiles(targets.length > 0 ? targets : ['dist/test']);
const cliPath = await ensureTemporalCli();
if (process.env.DATABASE_URL && files.some((file) => file.includes(`${sep}cluster${sep}`))) {
  await ensureTemporalServer();
}
// The store is a file so that a restart keeps it (dev-server-keeper.ts); in shared memory where there is one.
const storeFolder = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'qzs-test-temporal-'));
const devServerOptions = { cliPath, port: await freePort(), uiPort: null, dbFile: join(storeFolder, 'temporal.db') };
let server: RunningDevServer = await startDevServer(devServerOptions);
process.stderr.write(`Temporal dev server for tests at ${server.address}\n`);
const keeper = keepAnswering({
  check: () => describeNamespace(server.address, 'default'),
  restart: async () => {
    await server.stop();
    server = await startDevServer(devServerOptions);
  },
  pause: () => sleep(2000),
  failuresBeforeRestart: 3,
  log: (line) => process.stderr.write(`${line}\n`),
});

/** Runs `node --test` over `group`, `concurrency` files at a time, and answers its exit code. */
async function runTests(group: string[], concurrency: number): Promise<number> {
  if (group.length === 0) return 0;
  const child = spawn(
    process.execPath,
    ['--test', `--test-concurrency=${concurrency}`, `--test-timeout=${TEST_TIMEOUT_MS}`, ...group],
    { stdio: 'inherit', env: { ...process.env, TEMPORAL_TEST_ADDRESS: server.address } },
  );
  return new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
}

const alone = files.filter(runsAlone);
const aloneCode = await runTests(alone, 1);
const restCode = await runTests(
  files.filter((file) => !alone.includes(file)),
  2,
);
await keeper.stop();
await server.stop();
rmSync(storeFolder, { recursive: true, force: true });
process.exit(aloneCode || restCode);
