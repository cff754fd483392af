import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { describeNamespace, keepAnswering } from '../../scripts/dev-server-keeper.js';
import { startDevServer } from '../../scripts/dev-server.js';
import { ensureTemporalCli } from '../../scripts/temporal-cli.js';
import { freePort } from '../../scripts/free-port.js';

test('the keeper restarts the server after 3 failed checks in a row, and only then', async () => {
  // One outcome per check: two failures are forgiven by the answer after them; the next three make a restart.
  const outcomes = ['fail', 'fail', 'ok', 'fail', 'fail', 'fail', 'ok', 'fail'];
  const events: string[] = [];
  let checks = 0;
  let finished!: () => void;
  const allChecked = new Promise<void>((resolve) => (finished = resolve));
  const keeper = keepAnswering({
    check: () => {
      const outcome = outcomes[checks++];
      events.push(`check ${outcome ?? 'ok'}`);
      if (checks === outcomes.length) finished();
      return outcome === 'fail' ? Promise.reject(new Error('interrupted (9)')) : Promise.resolve();
    },
    restart: () => {
      events.push('restart');
      return Promise.resolve();
    },
    pause: () => new Promise((resolve) => setImmediate(resolve)),
    failuresBeforeRestart: 3,
    log: (line) => events.push(line),
  });
  await allChecked;
  await keeper.stop();
  assert.deepEqual(events.slice(0, 10), [
    'check fail',
    'check fail',
    'check ok',
    'check fail',
    'check fail',
    'check fail',
    'Temporal dev server failed 3 checks in a row (interrupted (9)): restarting it',
    'restart',
    'Temporal dev server restarted',
    'check ok',
  ]);
  assert.equal(events.filter((e) => e === 'restart').length, 1);
});

test('a dev server restarted on its store file keeps the namespace and the workflows started before', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'qzs-keeper-'));
  const options = {
    cliPath: await ensureTemporalCli(),
    port: await freePort(),
    uiPort: null,
    dbFile: join(folder, 'temporal.db'),
  };
  let server = await startDevServer(options);
  try {
    const started = await withClient(server.address, (client) =>
      client.workflow.start('notRegisteredAnywhere', { taskQueue: 'keeper-test', workflowId: 'kept-across-restart' }),
    );
    await server.stop();
    server = await startDevServer(options);
    await describeNamespace(server.address, 'default');
    const described = await withClient(server.address, (client) =>
      client.workflow.getHandle('kept-across-restart').describe(),
    );
    assert.deepEqual([described.runId, described.status.name], [started.firstExecutionRunId, 'RUNNING']);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

async function withClient<T>(address: string, use: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(new Client({ connection }));
  } finally {
    await connection.close();
  }
}
