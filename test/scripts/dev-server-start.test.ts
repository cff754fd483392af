import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { startDevServer } from '../../scripts/dev-server.js';
import { ensureTemporalCli } from '../../scripts/temporal-cli.js';
import { freePort } from '../../scripts/free-port.js';

const GO_STACK_LINES = 400;

/**
 * A stand-in for the Temporal CLI that ends like the dev server did in CI, a Go panic whose reason comes first and a
 * long stack after it, `failures` times, and then runs the real CLI.
 */
function flakyCli(folder: string, realCli: string, failures: number): string {
  const script = join(folder, 'temporal');
  writeFileSync(
    script,
    `#!/bin/sh
count=$(cat "${folder}/starts" 2>/dev/null || echo 0)
count=$((count + 1))
echo $count > "${folder}/starts"
if [ $count -le ${failures} ]; then
  echo "panic: the reason the server stopped (start $count)" >&2
  i=0; while [ $i -lt ${GO_STACK_LINES} ]; do echo "	/root/go/pkg/mod/go.uber.org/dig@v1.18.1/param.go:$i +0x12b" >&2; i=$((i + 1)); done
  exit 2
fi
exec "${realCli}" "$@"
`,
  );
  chmodSync(script, 0o755);
  return script;
}

test('a dev server start that ends before it is ready is tried again, and the server then answers', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'dev-server-start-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const cliPath = flakyCli(folder, await ensureTemporalCli(), 1);
  const server = await startDevServer({ cliPath, port: await freePort(), uiPort: null, dbFile: null });
  t.after(() => server.stop());
  const connection = await Connection.connect({ address: server.address });
  t.after(() => connection.close());
  const info = await connection.workflowService.getSystemInfo({});
  assert.ok(info.serverVersion, 'the server started on the second try answers');
  assert.equal(readFileSync(join(folder, 'starts'), 'utf8').trim(), '2', 'one failed start, then one that worked');
});

test('a dev server that never starts fails after three tries, with the reason from the top of its output', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'dev-server-start-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const cliPath = flakyCli(folder, await ensureTemporalCli(), 99);
  await assert.rejects(
    startDevServer({ cliPath, port: await freePort(), uiPort: null, dbFile: null }),
    (error: Error) => {
      assert.match(error.message, /exited \(2\)/);
      assert.match(error.message, /panic: the reason the server stopped \(start 3\)/);
      assert.match(error.message, /param\.go:399/, 'the end of the output is kept too');
      return true;
    },
  );
});

test('a dev server restarted on a store kept from an older version gets the search attributes added since', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'dev-server-start-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const options = {
    cliPath: await ensureTemporalCli(),
    port: await freePort(),
    uiPort: null,
    dbFile: join(folder, 'temporal.db'),
    namespace: 'kept',
  };
  const itemIdAttributes = async (address: string, remove: string[] = []) => {
    const connection = await Connection.connect({ address });
    try {
      if (remove.length > 0)
        await connection.operatorService.removeSearchAttributes({ namespace: 'kept', searchAttributes: remove });
      const listed = await connection.operatorService.listSearchAttributes({ namespace: 'kept' });
      return Object.keys(listed.customAttributes ?? {})
        .filter((name) => name.endsWith('ItemId'))
        .sort();
    } finally {
      await connection.close();
    }
  };
  // The store as an older version left it: without the attributes added since.
  const older = await startDevServer(options);
  const before = await itemIdAttributes(older.address, ['AccountingItemId', 'FieldItemId']);
  await older.stop();
  assert.deepEqual(before, ['QboItemId']);

  const restarted = await startDevServer(options);
  t.after(() => restarted.stop());
  assert.deepEqual(await itemIdAttributes(restarted.address), ['AccountingItemId', 'FieldItemId', 'QboItemId']);
});
