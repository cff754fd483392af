/**
 * `DEMO_ACCOUNTING=qbd npm start` as a newcomer runs it: the start path (its own Temporal dev server, PGlite in the
 * data folder) with the QuickBooks Desktop emulator and its Web Connector beside the Zuper emulator. The demo's own
 * narration says what moved, and the store in the data folder holds the links.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStart, startEnv, untilReady } from '../scripts/processes.js';
import { eventually } from '../support/eventually.js';
import { openDb } from '../../storage/db.js';

test('DEMO_ACCOUNTING=qbd npm start links the QuickBooks Desktop demo and both directions propagate', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-qbd-demo-'));
  const env: NodeJS.ProcessEnv = { ...(await startEnv(dataDir)), DEMO_ACCOUNTING: 'qbd' };
  // The embedded default a newcomer gets: the demo's rows are read back from PGlite in the data folder below.
  delete env.DATABASE_URL;
  const start = runStart(env);
  t.after(() => {
    start.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  await untilReady(start, 240_000);
  const out = start.stdout();
  assert.match(out, /Starting the Zuper emulator…/);
  assert.doesNotMatch(out, /Starting the emulators…/, 'no QuickBooks Online emulator');
  assert.match(out, /Opening the QuickBooks Desktop emulator's company file .*emulators\/qbd\.json…/);
  assert.match(
    out,
    /Linked the demo catalogs: 9 items copied from QuickBooks Desktop to Zuper, 1 reported as not copied\./,
  );
  assert.match(out, /filter: ConnectionId="demo-qbd" AND SyncKind="quantity"/);
  assert.match(out, /npx qzsync status demo-qbd/);
  assert.match(
    out,
    /QuickBooks Desktop \(company file .*qbd\.json; its Web Connector calls the service's \/qbwc every second\)/,
  );

  // The demo's first turn consumes 1 on a Zuper invoice, its second sells 2 in QuickBooks Desktop; each is narrated
  // with both quantities once they agree.
  const followed = (name: string, quantity: number) =>
    `demo:   ${name}: QuickBooks Desktop ${quantity}, Zuper ${quantity}`;
  const used = await eventually(
    () =>
      /demo: a technician used 1 × (.+) on a Zuper invoice \(Van 7\) → QuickBooks Desktop follows/.exec(start.stdout()),
    (match) => match !== null,
    60_000,
    'the first consumption',
  );
  await eventually(start.stdout, (o) => o.includes(followed(used![1]!, 39)), 60_000, 'QuickBooks Desktop following');
  const sold = await eventually(
    () => /demo: the office sold 2 × (.+) on a QuickBooks Desktop invoice → Zuper follows/.exec(start.stdout()),
    (match) => match !== null,
    60_000,
    'the first sale',
  );
  await eventually(start.stdout, (o) => o.includes(followed(sold![1]!, 38)), 60_000, 'Zuper following');

  start.child.kill('SIGTERM');
  assert.equal(await start.exited, 0);
  const db = await openDb({ dataDir });
  try {
    const links = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM item_links WHERE connection_id = 'demo-qbd' AND tracks_quantity",
    );
    assert.equal(links[0]?.n, 6);
    const connection = await db.query<{ accounting_system: string; status: string }>(
      "SELECT accounting_system, status FROM connections WHERE id = 'demo-qbd'",
    );
    assert.deepEqual(connection, [{ accounting_system: 'qbd', status: 'active' }]);
  } finally {
    await db.close();
  }
});

test('npm start with a DEMO_ACCOUNTING it does not know stops with one line naming the setting and its values', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-qbd-demo-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const start = runStart({ ...(await startEnv(dataDir)), DEMO_ACCOUNTING: 'desktop' });
  assert.notEqual(await start.exited, 0);
  assert.equal(
    start.stderr().trimEnd(),
    'Invalid configuration:\n  DEMO_ACCOUNTING: expected qbo (QuickBooks Online, the default) or qbd (QuickBooks Desktop)',
  );
});
