// End-to-end sync on a real 2-node Temporal cluster (PostgreSQL persistence and SQL visibility), set up by the same
// scripts as compose: one node is killed mid-run and restarted, and quantities must still converge with every
// movement applied once. Needs PostgreSQL (DATABASE_URL, as CI sets it) and the server binary (built once, cached).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureTemporalServer } from '../../scripts/cluster-server.js';
import { ensureTemporalCli } from '../../scripts/temporal-cli.js';
import { portIsFree } from '../../scripts/ports.js';
import {
  nodePorts,
  postgresServerOf,
  setupClusterDatabases,
  startCluster,
  type RunningCluster,
} from '../../scripts/cluster-nodes.js';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import {
  consumeInZuper,
  deliverQboChange,
  deliverZuperChange,
  linkedInventoryItem,
  sellInQbo,
} from '../support/linked-item.js';

const NODES = 2;

/** A base port whose whole block (every service and membership port of every node) is free now. */
async function freeBasePort(): Promise<number> {
  for (;;) {
    // Below 32768: the cluster_membership table stores ports as smallint.
    const base = 10_000 + 1000 * Math.floor(Math.random() * 20);
    const ports = Array.from({ length: NODES }, (_, i) => nodePorts(base, i)).flatMap((node) =>
      Object.values(node).flatMap((service) => Object.values(service)),
    );
    if ((await Promise.all(ports.map((port) => portIsFree('127.0.0.1', port)))).every(Boolean)) return base;
  }
}

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
  const suffix = randomBytes(4).toString('hex');
  const databases = { temporal: `qzs_cluster_${suffix}`, visibility: `qzs_cluster_${suffix}_visibility` };
  const dir = mkdtempSync(join(tmpdir(), 'temporal-cluster-'));
  let cluster: RunningCluster;
  let stack: SyncStack;
  let item: { qboItemId: string; zuperUid: string };

  before(async () => {
    const log = (line: string) => process.stderr.write(`[cluster] ${line}\n`);
    const binaries = await ensureTemporalServer(log);
    // An older release's schema: start-up must migrate it, not stop or recreate it.
    const sqlTool = (...args: string[]) => {
      const postgres = postgresServerOf(databaseUrl);
      const run = spawnSync(
        join(binaries.toolsDir, 'temporal-sql-tool'),
        [
          '--plugin',
          'postgres12',
          '--ep',
          postgres.host,
          '-p',
          String(postgres.port),
          '-u',
          postgres.user,
          '--db',
          databases.temporal,
          ...args,
        ],
        { encoding: 'utf8' },
      );
      assert.equal(run.status, 0, run.stderr);
    };
    sqlTool('create');
    sqlTool('setup-schema', '-v', '0.0');
    sqlTool('update-schema', '-d', join(binaries.schemaDir, 'temporal', 'versioned'), '-v', '1.10');
    assert.equal(await schemaVersion(databases.temporal), '1.10');
    cluster = await startCluster({
      binaries,
      cliPath: await ensureTemporalCli(log),
      dir,
      postgres: postgresServerOf(databaseUrl),
      databases,
      basePort: await freeBasePort(),
      nodes: NODES,
      namespace: 'default',
      log,
    });
    process.env.TEMPORAL_TEST_ADDRESS = cluster.address;
    stack = await startSyncStack({ master: 'qbo' });
    item = await linkedInventoryItem(stack, 50);
  });

  it('migrated the older schema at start-up, and setting up again changes nothing', async () => {
    assert.equal(await schemaVersion(databases.temporal), '1.18');
    assert.equal(await schemaVersion(databases.visibility), '1.9');
    const binaries = await ensureTemporalServer();
    await setupClusterDatabases(binaries, postgresServerOf(databaseUrl), databases, () => undefined);
    assert.equal(await schemaVersion(databases.temporal), '1.18');
  });

  after(async () => {
    await stack?.stop();
    await cluster?.stop();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    for (const name of Object.values(databases)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converges both ways, each movement once, while a server node is killed mid-run and restarted', async () => {
    const node2 = cluster.nodes[1]!;
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
    await move(0);
    await move(1);
    // Mid-run: the movements above are still in flight; node 2 owns part of the shards and task queues.
    await node2.kill();
    await move(2);
    await move(3);
    await node2.start();
    await move(4);
    await move(5);
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

  it('lists workflows by ConnectionId, QboItemId, SyncKind and SyncOutcome through SQL visibility', async () => {
    const ids = async (query: string) => {
      const found: string[] = [];
      for await (const execution of stack.temporal.workflow.list({ query })) found.push(execution.workflowId);
      return found;
    };
    const byItem = `ConnectionId = "${stack.connectionId}" AND QboItemId = "${item.qboItemId}"`;
    const quantityRuns = await eventually(
      () => ids(`${byItem} AND SyncKind = "quantity" AND SyncOutcome = "succeeded"`),
      (found) => found.length > 0,
    );
    assert.ok(quantityRuns.length > 0);
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
