import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulators } from '../../emulators/start-both.js';
import { runEmulatorsApart, startEnv, runStart, untilReady } from '../scripts/processes.js';
import { openDb } from '../../storage/db.js';

test('npm run emulators on a taken port says in one line which port, who holds it and what to do', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-emulators-'));
  const running = await startEmulators({ qbo: 0, zuper: 0 });
  try {
    const port = new URL(running.qbo.baseUrl).port;
    const child = spawn(process.execPath, ['dist/scripts/emulators.js'], {
      env: { ...process.env, DATA_DIR: dataDir, QBO_EMULATOR_PORT: port, ZUPER_EMULATOR_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    const lines = stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(
      lines[0] ?? '',
      new RegExp(`^Port ${port} \\(the QuickBooks emulator\\) is in use .*QBO_EMULATOR_PORT`),
    );
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('npm start over emulators already running on its ports suggests EMULATORS=external in its one line', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-start-'));
  const env = await startEnv(dataDir);
  const running = await startEmulators({ qbo: Number(env.QBO_EMULATOR_PORT), zuper: Number(env.ZUPER_EMULATOR_PORT) });
  try {
    const start = runStart(env);
    assert.equal(await start.exited, 1);
    const lines = start.stderr().trimEnd().split('\n');
    assert.equal(lines.length, 1, start.stderr());
    assert.match(
      lines[0] ?? '',
      new RegExp(
        `^Checking ports failed: Port ${env.QBO_EMULATOR_PORT} \\(the QuickBooks emulator\\) is in use .*EMULATORS=external`,
      ),
    );
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('npm start attaches to `npm run emulators` with EMULATORS=external, and after a kill -9 resumes the same demo with its history', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-apart-'));
  const env: NodeJS.ProcessEnv = { ...(await startEnv(dataDir)), EMULATORS: 'external' };
  // The embedded default a newcomer gets: the demo's rows are read back from PGlite in the data folder below.
  delete env.DATABASE_URL;
  const emulators = await runEmulatorsApart(env);
  t.after(async () => {
    await emulators.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const first = runStart(env);
  t.after(() => first.child.kill('SIGKILL'));
  await untilReady(first, 240_000);
  assert.match(first.stdout(), /Reaching the emulators at http:\/\/127\.0\.0\.1:\d+ and/);
  assert.match(first.stdout(), /Linked the demo catalogs: \d+ items copied/);
  first.child.kill('SIGKILL');
  await first.exited;

  const second = runStart(env);
  t.after(() => second.child.kill('SIGKILL'));
  await untilReady(second, 240_000);
  assert.match(second.stdout(), /Resumed the demo of the last run/);
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);

  const db = await openDb({ dataDir });
  try {
    const rows = await db.query<{ kind: string; n: number }>(
      "SELECT kind, count(*)::int AS n FROM sync_runs WHERE connection_id = 'demo' GROUP BY kind ORDER BY kind",
    );
    assert.ok(
      rows.some((r) => r.kind === 'link' && r.n === 1),
      `one linking, from the first start: ${JSON.stringify(rows)}`,
    );
    const links = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM item_links WHERE connection_id = 'demo'",
    );
    assert.ok((links[0]?.n ?? 0) > 0);
  } finally {
    await db.close();
  }
});
