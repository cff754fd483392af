// End-to-end sync on a real 2-node Temporal cluster (PostgreSQL persistence and SQL visibility), set up by the same
// scripts as compose: one node is killed mid-run and restarted, and quantities must still converge with every
// movement applied once. Needs PostgreSQL (DATABASE_URL, as CI sets it) and the server binary (built once, cached).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  postgresServerOf,
  setupClusterDatabases,
  startScratchCluster,
  type ScratchCluster,
} from '../../scripts/cluster-nodes.js';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import {
  consumeInZuper,
  deliverQboChange,
  deliverZuperChange,
  linkedInventoryItem,
  sellInQbo,
} from '../support/linked-item.js';

const databaseUrl = process.env.DATABASE_URL;
const skip = databaseUrl
  ? false
  : 'DATABASE_URL is not set: the Temporal cluster needs PostgreSQL (CI sets it; locally DATABASE_URL=postgres://root@127.0.0.1:5432/postgres)';
if (skip) process.stderr.write(`\n*** SKIPPING the Temporal cluster tests: ${skip} ***\n\n`);

/** The schema version the sql tool recorded in a database. */
async function schemaVersion(database: string): Promise<string | undefined> {
  const url = new URL(databaseUrl ?? '');
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    const { rows } = await client.query<{ curr_version: string }>('SELECT curr_version FROM schema_version');
    return rows[0]?.curr_version;
  } finally {
    await client.end();
  }
}

describe('sync on a 2-node Temporal cluster', { skip }, () => {
  let cluster: ScratchCluster;
  let stack: SyncStack;
  let item: { qboItemId: string; zuperUid: string };

  before(async () => {
    const postgres = postgresServerOf(databaseUrl);
    cluster = await startScratchCluster({
      databaseUrl: databaseUrl ?? '',
      nodes: 2,
      log: (line) => process.stderr.write(`[cluster] ${line}\n`),
      // An older release's schema: start-up must migrate it, not stop or recreate it.
      async beforeStart(binaries, databases) {
        const sqlTool = (...args: string[]) => {
          const run = spawnSync(
            join(binaries.toolsDir, 'temporal-sql-tool'),
            [
              ...['--plugin', 'postgres12', '--ep', postgres.host, '-p', String(postgres.port), '-u', postgres.user],
              ...['--db', databases.temporal, ...args],
            ],
            { encoding: 'utf8' },
          );
          assert.equal(run.status, 0, run.stderr);
        };
        sqlTool('create');
        sqlTool('setup-schema', '-v', '0.0');
        sqlTool('update-schema', '-d', join(binaries.schemaDir, 'temporal', 'versioned'), '-v', '1.10');
        assert.equal(await schemaVersion(databases.temporal), '1.10');
      },
    });
    process.env.TEMPORAL_TEST_ADDRESS = cluster.address;
    stack = await startSyncStack({ master: 'qbo' });
    item = await linkedInventoryItem(stack, 50);
  });

  after(async () => {
    await stack?.stop();
    await cluster?.stop();
  });

  it('migrated the older schema at start-up, and setting up again changes nothing', async () => {
    assert.equal(await schemaVersion(cluster.databases.temporal), '1.18');
    assert.equal(await schemaVersion(cluster.databases.visibility), '1.9');
    await setupClusterDatabases(cluster.binaries, postgresServerOf(databaseUrl), cluster.databases, () => undefined);
    assert.equal(await schemaVersion(cluster.databases.temporal), '1.18');
  });

  it('npm run cluster stops before starting anything, with one line, on refused credentials or no PostgreSQL', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cluster-run-'));
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/cluster.js', import.meta.url)), '--no-app'], {
        // A port block nothing uses: the run must stop at the database step, before any node.
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: '127.0.0.1:31000',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'cluster-run-')),
          ...env,
        },
        encoding: 'utf8',
      });
    const lastLine = (stderr: string) => stderr.trim().split('\n').at(-1);
    const refused = run({ DATABASE_URL: 'postgres://no_such_role@127.0.0.1:5432/postgres' });
    assert.equal(refused.status, 1);
    assert.match(
      lastLine(refused.stderr) ?? '',
      /failed: PostgreSQL at 127\.0\.0\.1:5432 refused user 'no_such_role': /,
    );
    const unreachable = run({ DATABASE_URL: 'postgres://root@127.0.0.1:1/postgres' });
    assert.match(lastLine(unreachable.stderr) ?? '', /failed: PostgreSQL is not reachable at 127\.0\.0\.1:1: /);
    assert.ok(!/node \d serves/.test(refused.stdout + unreachable.stdout), 'no node was started');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('converges both ways, each movement once, while each server node is killed mid-run and restarted', async () => {
    let expected = 50;
    const move = async (step: number) => {
      if (step % 2 === 0) {
        const invoiceId = sellInQbo(stack, item.qboItemId, 2);
        expected -= 2;
        await deliverQboChange(stack, 'Invoice', invoiceId);
      } else {
        const invoiceUid = await consumeInZuper(stack, item.zuperUid, 3, stack.locations.main);
        expected -= 3;
        await deliverZuperChange(stack, { event: 'invoice.new', invoiceUid });
      }
    };
    // Each node crashes once while movements are in flight, so whichever owns the item's shard and task queues
    // loses them mid-run. Clients and workers connect to node 1: its crash also cuts them off until it is back.
    await move(0);
    await move(1);
    const node2Back = cluster.crashAndRestartNode(1);
    await move(2);
    await move(3);
    await node2Back;
    const node1Back = cluster.crashAndRestartNode(0);
    await move(4);
    await move(5);
    await node1Back;
    assert.equal(expected, 50 - 3 * 2 - 3 * 3);
    await eventually(
      () => [stack.qboQty(item.qboItemId), stack.zuperQty(item.zuperUid)],
      ([qbo, zuper]) => qbo === expected && zuper === expected,
      120_000,
    );
    await eventually(
      async () => (await stack.store.links.get(stack.connectionId, item.qboItemId))?.baseQty,
      (base) => base === expected,
    );
  });

  it('lists workflows by ConnectionId, AccountingItemId, SyncKind and SyncOutcome through SQL visibility', async () => {
    const ids = async (query: string) => {
      const found: string[] = [];
      for await (const execution of stack.temporal.workflow.list({ query })) found.push(execution.workflowId);
      return found;
    };
    const byItem = `ConnectionId = "${stack.connectionId}" AND AccountingItemId = "${item.qboItemId}"`;
    const quantityRuns = await eventually(
      () => ids(`${byItem} AND SyncKind = "quantity" AND SyncOutcome = "succeeded"`),
      (found) => found.length > 0,
    );
    assert.ok(quantityRuns.length > 0);
    const savedBefore = `ConnectionId = "${stack.connectionId}" AND QboItemId = "${item.qboItemId}" AND SyncKind = "quantity"`;
    assert.deepEqual(
      (await ids(savedBefore)).sort(),
      (await ids(`${byItem} AND SyncKind = "quantity"`)).sort(),
      'a filter saved with the older attribute name finds the same runs',
    );
    // Six deliveries, one intake batch each (the dispatcher may batch a few together).
    const intakes = await ids(`ConnectionId = "${stack.connectionId}" AND SyncKind = "intake"`);
    assert.ok(intakes.length >= 1 && intakes.length <= 6, intakes.join());
    const closed = `${byItem} AND SyncKind = "quantity" AND ExecutionStatus != "Running"`;
    assert.deepEqual(
      (await ids(`${closed} AND SyncOutcome = "succeeded"`)).length,
      (await ids(closed)).length,
      'every finished quantity run of the item succeeded',
    );
    assert.deepEqual(await ids(`ConnectionId = "not-${stack.connectionId}"`), [], 'the filter filters');
  });
});
