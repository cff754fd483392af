import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTemporalCli } from './temporal-cli.js';
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

/**
 * `npm test`: one real Temporal dev server for the whole run (tests never mock Temporal), then Node's test runner
 * over dist/test. Extra arguments are passed to `node --test` (e.g. a narrower folder).
 */
const cliPath = await ensureTemporalCli();
const server = await startDevServer({ cliPath, port: await freePort(), uiPort: null, dbFile: null });
process.stderr.write(`Temporal dev server for tests at ${server.address}\n`);
const targets = process.argv.slice(2);
const child = spawn(
  process.execPath,
  ['--test', '--test-concurrency=2', ...testFiles(targets.length > 0 ? targets : ['dist/test'])],
  { stdio: 'inherit', env: { ...process.env, TEMPORAL_TEST_ADDRESS: server.address } },
);
const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await server.stop();
process.exit(code);
