/**
 * `npm run emulators` in one process and `EMULATORS=external DEMO_ACCOUNTING=qbd npm start` in another: the start
 * reaches the Zuper emulator the other process runs, opens the QuickBooks Desktop company file in its own process (it
 * has no port: its Web Connector calls the service's /qbwc), and a sale entered in QuickBooks Desktop reaches the Zuper
 * company held by the emulators' process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zuperAdminClient } from '../../emulators/admin-client.js';
import { DEMO_QBD_CONNECTION, DEMO_QBD_ZUPER_COMPANY } from '../../demo/qbd-demo.js';
import { openDb } from '../../storage/db.js';
import { runEmulatorsApart, runStart, startEnv, untilReady } from '../scripts/processes.js';
import { eventually } from '../support/eventually.js';

test('EMULATORS=external with DEMO_ACCOUNTING=qbd: a QuickBooks Desktop sale reaches the Zuper emulator of `npm run emulators`', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-qbd-apart-'));
  const env: NodeJS.ProcessEnv = { ...(await startEnv(dataDir)), EMULATORS: 'external', DEMO_ACCOUNTING: 'qbd' };
  // The embedded default a newcomer gets: the demo's links are read back from PGlite in the data folder below.
  delete env.DATABASE_URL;
  const emulators = await runEmulatorsApart(env);
  t.after(async () => {
    await emulators.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const zuperUrl = `http://127.0.0.1:${env.ZUPER_EMULATOR_PORT}`;

  const start = runStart(env);
  t.after(() => start.child.kill('SIGKILL'));
  await untilReady(start, 240_000);
  const out = start.stdout();
  assert.ok(out.includes(`Reaching the Zuper emulator at ${zuperUrl}…`), out);
  assert.doesNotMatch(out, /Starting the (Zuper )?emulators?…/, 'no emulator of its own');
  assert.match(out, /Opening the QuickBooks Desktop emulator's company file .*emulators\/qbd\.json…/);
  assert.match(
    out,
    /Linked the demo catalogs: 9 items copied from QuickBooks Desktop to Zuper, 1 reported as not copied\./,
  );

  // The demo's second turn sells 2 in QuickBooks Desktop; the quantity watch reads it at a Web Connector session.
  const sold = await eventually(
    () =>
      /demo: the office sold 2 × (.+) on a QuickBooks Desktop (?:invoice|sales receipt) → Zuper follows/.exec(
        start.stdout(),
      ),
    (match) => match !== null,
    60_000,
    'the first sale in QuickBooks Desktop',
  );
  const soldName = sold![1]!;
  await eventually(
    start.stdout,
    (o) => o.includes(`demo:   ${soldName}: QuickBooks Desktop 38, Zuper 38`),
    60_000,
    'Zuper following the sale',
  );
  start.child.kill('SIGTERM');
  assert.equal(await start.exited, 0);

  // Read back from the emulators' process, which still runs: the sold item's Zuper product holds the sale.
  const db = await openDb({ dataDir });
  const links = await db
    .query<{ field_item_id: string }>(
      'SELECT field_item_id FROM item_links WHERE connection_id = $1 AND tracks_quantity ORDER BY field_item_id',
      [DEMO_QBD_CONNECTION],
    )
    .finally(() => db.close());
  assert.equal(links.length, 6);
  const zuper = zuperAdminClient(zuperUrl);
  const company = (await zuper.listCompanies()).find((c) => c.company_name === DEMO_QBD_ZUPER_COMPANY);
  assert.ok(company, 'the demo made its Zuper company in the emulators of `npm run emulators`');
  const products = await Promise.all(links.map((link) => zuper.product(company.company_name, link.field_item_id)));
  const soldProduct = products.find((product) => product?.product_name === soldName);
  assert.ok(soldProduct, `${soldName} is linked to a product of the external Zuper emulator`);
  assert.equal(Number(soldProduct.quantity), 38);
});
