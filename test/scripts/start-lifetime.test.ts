import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from '../support/eventually.js';
import { alive, descendants, runStart, startEnv } from './processes.js';

const temporalPort = (env: NodeJS.ProcessEnv) => Number(env.TEMPORAL_ADDRESS?.split(':')[1]);

test('SIGKILL of npm start also ends the Temporal dev server it started, and a restart finds its ports free', async (t) => {
  const env = await startEnv(mkdtempSync(join(tmpdir(), 'qzsync-start-')));
  const start = runStart(env);
  t.after(() => start.child.kill('SIGKILL'));
  // The dev server is up once start-up moves on to the emulators.
  await eventually(start.stdout, (out) => out.includes('Starting the emulators…'), 120_000);
  const children = descendants(start.child.pid!);
  const commands = children.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
  const server = children[commands.findIndex((c) => c.includes('server start-dev') && !c.includes('watchdog'))];
  assert.ok(server, `a temporal server among ${commands.join(' | ')}`);
  assert.ok(commands.some((c) => c.includes(`--port ${temporalPort(env)}`)));

  start.child.kill('SIGKILL');
  await start.exited;
  const left = await eventually(
    () => children.filter(alive),
    (pids) => pids.length === 0,
    30_000,
  );
  assert.deepEqual(left, []);

  // Nothing holds the ports any more: a second start gets past its port check and starts its own dev server.
  const again = runStart(env);
  t.after(() => again.child.kill('SIGKILL'));
  await eventually(again.stdout, (out) => out.includes('Starting the emulators…'), 120_000);
  // SIGTERM in the middle of start-up stops what has started so far, and exits as a requested stop.
  again.child.kill('SIGTERM');
  assert.equal(await again.exited, 0);
  assert.doesNotMatch(again.stderr(), /in use/);
  assert.match(again.stdout(), /Stopping…/);
});

/** A process that listens on `port` with the command line a dev server on `dbFile` would have. */
async function listenerWithArgs(port: number, args: string[]) {
  const child = spawn(
    process.execPath,
    ['-e', `require('net').createServer().listen(${port}, '127.0.0.1', () => console.log('up'))`, '--', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((r) => child.stdout.once('data', r));
  return child;
}

test('a dev server left by an earlier start on this data folder is named with what to do, not adopted', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-start-'));
  const env = await startEnv(dataDir);
  const leftover = await listenerWithArgs(temporalPort(env), [
    'server',
    'start-dev',
    '--db-filename',
    resolve(dataDir, 'temporal.db'),
  ]);
  try {
    const start = runStart(env);
    assert.equal(await start.exited, 1);
    assert.equal(
      start.stderr(),
      `Checking ports failed: Port ${temporalPort(env)} (the Temporal dev server) is in use by a Temporal dev server left running by an earlier npm start (pid ${leftover.pid}): stop it with "kill ${leftover.pid}" and start again.\n`,
    );
    assert.doesNotMatch(start.stdout(), /Starting the Temporal dev server/);
  } finally {
    leftover.kill();
  }
});

test('a taken service port gives one line naming the port, its holder and the setting, not an EADDRINUSE stack', async () => {
  const env = await startEnv(mkdtempSync(join(tmpdir(), 'qzsync-start-')));
  const holder = createServer();
  await new Promise<void>((r) => holder.listen(Number(env.HTTP_PORT), '127.0.0.1', r));
  try {
    const start = runStart(env);
    assert.equal(await start.exited, 1);
    const lines = start.stderr().trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      new RegExp(
        `^Checking ports failed: Port ${env.HTTP_PORT} \\(the service\\) is in use by pid ${process.pid} \\(.*\\): stop it with "kill ${process.pid}" or set HTTP_PORT to a free port\\.$`,
      ),
    );
  } finally {
    holder.close();
  }
});
