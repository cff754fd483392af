import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { spawnSupervised } from '../../scripts/supervised.js';
import { eventually } from '../support/eventually.js';
import { alive, descendants } from './processes.js';

test('stop() ends the command and what it started; the exit code reports the signal as a shell does', async () => {
  const supervised = spawnSupervised('sh', ['-c', 'sleep 300 & sleep 300; wait'], { stdout: 'ignore' });
  const watchdog = supervised.process.pid!;
  const group = await eventually(
    () => descendants(watchdog),
    (pids) => pids.length === 3,
  );
  await supervised.stop();
  assert.equal(await supervised.exited, 128 + 15);
  assert.deepEqual(
    await eventually(
      () => group.filter(alive),
      (pids) => pids.length === 0,
    ),
    [],
  );
});

test('the command ends when the process that started it is killed with SIGKILL', async () => {
  // A parent that supervises `sleep` and prints its watchdog's pid, then waits to be killed.
  const parent = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { spawnSupervised } = await import(${JSON.stringify(new URL('../../scripts/supervised.js', import.meta.url).href)});
       console.log(spawnSupervised('sleep', ['300']).process.pid); setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const watchdog = Number(await new Promise<string>((r) => parent.stdout.once('data', (c: Buffer) => r(c.toString()))));
  const [sleeper] = await eventually(
    () => descendants(watchdog),
    (pids) => pids.length === 1,
  );
  parent.kill('SIGKILL');
  await eventually(
    () => [watchdog, sleeper!].filter(alive),
    (pids) => pids.length === 0,
  );
  assert.equal(alive(sleeper!), false);
});

test('a command that exits on its own passes its exit code through', async () => {
  const supervised = spawnSupervised('sh', ['-c', 'exit 7'], { stdout: 'ignore' });
  assert.equal(await supervised.exited, 7);
});
