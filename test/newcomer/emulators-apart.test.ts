import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulators } from '../../emulators/start-both.js';
import { startEnv, runStart } from '../scripts/processes.js';

test('npm run emulators on a taken port says in one line which port, who holds it and what to do', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-emulators-'));
  const running = await startEmulators({ qbo: 0, zuper: 0 });
  try {
    const port = new URL(running.qbo.baseUrl).port;
    const child = spawn(process.execPath, ['dist/emulators/main.js'], {
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
