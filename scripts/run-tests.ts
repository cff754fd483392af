import { spawn } from 'node:child_process';
import { ensureTemporalCli } from './temporal-cli.js';
import { startDevServer } from './dev-server.js';
import { freePort } from './free-port.js';

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
  ['--test', '--test-concurrency=2', ...(targets.length > 0 ? targets : ['dist/test/'])],
  { stdio: 'inherit', env: { ...process.env, TEMPORAL_TEST_ADDRESS: server.address } },
);
const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await server.stop();
process.exit(code);
