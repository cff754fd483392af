import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ensureTemporalCli } from './temporal-cli.js';
import { ensureTemporalServer } from './cluster-server.js';
import { startDevServer } from './dev-server.js';
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
const server = await startDevServer({ cliPath, port: await freePort(), uiPort: null, dbFile: null });
process.stderr.write(`Temporal dev server for tests at ${server.address}\n`);
const child = spawn(
  process.execPath,
  ['--test', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files],
  {
    stdio: 'inherit',
    env: { ...process.env, TEMPORAL_TEST_ADDRESS: server.address },
  },
);
const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await server.stop();
process.exit(code);
