/**
 * The QuickBooks Desktop demo of `DEMO_ACCOUNTING=qbd npm start`, as start.ts composes it: the service (store, worker,
 * HTTP server with /qbwc), the Zuper emulator and the QuickBooks Desktop company file with its Web Connector polling
 * every second, all persisting to one data folder. Outcomes are read from both emulators and the service's store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadEnv, type Env } from '../../config/env.js';
import { zuperAdminClient } from '../../emulators/admin-client.js';
import { startZuperAlone } from '../../emulators/start-both.js';
import type { RunningZuperEmulator } from '../../emulators/zuper/index.js';
import type { QbdEmulator } from '../../emulators/qbd/index.js';
import {
  DEMO_QBD_CONNECTION,
  openQbdDemoCompany,
  qbdDemoActors,
  seedQbdDemo,
  type QbdDemo,
  type QbdDemoEmulators,
} from '../../demo/qbd-demo.js';
import { demoSteps } from '../../demo/activity.js';
import { freePort } from '../../scripts/free-port.js';
import { eventually } from '../support/eventually.js';
import { reconcileScheduleId } from '../../client/workflow-ids.js';
import { stopAdjustmentWatch } from '../../client/adjustment-watch.js';
import { startDemoService } from './service.js';
import { connectionStatus } from '../../operator/connection-status.js';

Runtime.install({ logger: new DefaultLogger('WARN') });

const startService = (env: Env) => startDemoService(env);

/** The Zuper emulator on its port and the company file, both persisting to the data folder, as start.ts opens them. */
async function startEmulators(env: Env, zuperPort: number) {
  const zuper = await startZuperAlone(zuperPort, env.DATA_DIR);
  const qbd = openQbdDemoCompany(env.DATA_DIR);
  return {
    zuper,
    qbd,
    handles: { qbd, zuper: zuperAdminClient(zuper.baseUrl) } satisfies QbdDemoEmulators,
    async close() {
      await qbd.close();
      await zuper.close();
    },
  };
}

test('the QuickBooks Desktop demo links its catalogs, brings a Zuper consumption and a QuickBooks Desktop sale to the other side, and a restart resumes it', async () => {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests with `npm test`');
  const dataDir = mkdtempSync(join(tmpdir(), 'qbd-demo-'));
  const zuperPort = await freePort();
  const env = loadEnv({
    DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `qbd-demo-${randomBytes(4).toString('hex')}`,
    HTTP_PORT: String(await freePort()),
    ZUPER_EMULATOR_PORT: String(zuperPort),
    EMULATORS: 'on',
    DEMO_ACCOUNTING: 'qbd',
    ITEM_IDLE_TIMEOUT: '2s',
  });
  let emulators: Awaited<ReturnType<typeof startEmulators>> | null = await startEmulators(env, zuperPort);
  let service: Awaited<ReturnType<typeof startService>> | null = await startService(env);
  let demo: QbdDemo | null = null;
  // The watch's workflow id is the connection's: one left by an earlier run on this Temporal would be on its task queue.
  await stopAdjustmentWatch(service.ctx.temporal, DEMO_QBD_CONNECTION);
  try {
    demo = await seedQbdDemo(service.ctx, emulators.handles);
    const summary = demo.link?.summary;
    assert.ok(summary, 'the first start links the catalogs');
    assert.equal(summary.create, 9, 'every item of the company file is copied to Zuper');
    assert.equal(summary.skip, 1, 'the Zuper-only item is reported, not copied');
    const links = (await service.ctx.store.links.list(DEMO_QBD_CONNECTION)).filter((l) => l.tracksQuantity);
    assert.equal(links.length, 6);
    assert.deepEqual(
      links.map((l) => l.baseQty),
      [40, 40, 40, 40, 40, 40],
    );
    // The start-up lines point at `qzsync status demo-qbd`: its QuickBooks line must not say it is not connected.
    const status = await connectionStatus(service.ctx, DEMO_QBD_CONNECTION);
    assert.equal(status.qbo.level, 'ok', status.qbo.message);
    assert.match(status.qbo.message, /^QuickBooks Desktop, reached when its Web Connector polls/);

    const qbd: QbdEmulator = emulators.qbd;
    const zuper: RunningZuperEmulator = emulators.zuper;
    const quantities = (listId: string, productUid: string) => {
      const seen = demo!;
      return {
        qbd: qbd.company.items.get(listId)?.quantityOnHand,
        zuper: Number(zuper.admin.product(seen.zuperCompany, productUid)?.quantity),
      };
    };
    const base = async (listId: string) => (await service!.ctx.store.links.get(DEMO_QBD_CONNECTION, listId))?.baseQty;
    const narration: string[] = [];
    const step = demoSteps(service.ctx, qbdDemoActors(emulators.handles, demo), (line) => narration.push(line));

    // First turn: a technician uses parts on a Zuper invoice; QuickBooks Desktop follows through the Web Connector.
    const consumed = await step();
    assert.ok(consumed && consumed.acted === 'field');
    const used = consumed.link;
    await eventually(
      async () => ({ ...quantities(used.accountingItemId, used.fieldItemId), base: await base(used.accountingItemId) }),
      (q) => q.qbd === 40 - consumed.qty && q.zuper === 40 - consumed.qty && q.base === 40 - consumed.qty,
      60_000,
      'the consumption in QuickBooks Desktop',
    );
    const adjustments = qbd.admin
      .adjustments()
      .filter((adjustment) => adjustment.lines.some((line) => line.itemListId === used.accountingItemId));
    assert.deepEqual(
      adjustments.map((a) => a.lines[0]?.quantityDifference),
      [-consumed.qty],
    );
    assert.match(adjustments[0]?.memo ?? '', /\(mva-[A-Za-z0-9]+\)$/);

    // Second turn: the office sells in QuickBooks Desktop; the watch sees it at a session and Zuper follows.
    const sold = await step();
    assert.ok(sold && sold.acted === 'accounting');
    const soldLink = sold.link;
    await eventually(
      async () => ({
        ...quantities(soldLink.accountingItemId, soldLink.fieldItemId),
        base: await base(soldLink.accountingItemId),
      }),
      (q) => q.qbd === 40 - sold.qty && q.zuper === 40 - sold.qty && q.base === 40 - sold.qty,
      60_000,
      'the sale in Zuper',
    );
    assert.equal(
      qbd.admin
        .adjustments()
        .filter((adjustment) => adjustment.lines.some((line) => line.itemListId === soldLink.accountingItemId)).length,
      0,
      'nothing was written back to QuickBooks Desktop',
    );
    assert.deepEqual(
      narration.map((line) => line.replace(/ \d+ × .+ on a/, ' n × item on a')),
      [
        'demo: a technician used n × item on a Zuper invoice (Van 7) → QuickBooks Desktop follows',
        'demo: the office sold n × item on a QuickBooks Desktop invoice → Zuper follows (Main Warehouse)',
      ],
    );

    // A session with nothing queued for QuickBooks costs four SOAP calls and no qbXML.
    const idle = await eventually(
      () => demo!.connector.sessions.filter((s) => s.outcome === 'noWork'),
      (sessions) => sessions.length > 0,
      30_000,
      'a session with nothing to send',
    );
    for (const session of idle) {
      assert.deepEqual(
        session.calls.map((call) => call.operation),
        ['serverVersion', 'clientVersion', 'authenticate', 'closeConnection'],
      );
      assert.equal(session.exchanges.length, 0);
    }

    // A restart of everything resumes the same demo from the data folder.
    const pairs = async () =>
      (await service!.ctx.store.links.list(DEMO_QBD_CONNECTION)).map((l) => [
        l.accountingItemId,
        l.fieldItemId,
        l.baseQty,
      ]);
    const linkedBefore = await pairs();
    const itemsBefore = [...qbd.company.items.values()].map((i) => [i.listId, i.editSequence, i.quantityOnHand]);
    // The service first: the Web Connector answers what its worker's steps wait for while it drains.
    await service.stop();
    service = null;
    await emulators.close();
    emulators = null;

    emulators = await startEmulators(env, zuperPort);
    service = await startService(env);
    const resumed = await seedQbdDemo(service.ctx, emulators.handles);
    demo = resumed;
    assert.equal(resumed.link, null, 'the stored demo is resumed, not linked anew');
    assert.deepEqual(await pairs(), linkedBefore);
    assert.deepEqual(
      [...emulators.qbd.company.items.values()].map((i) => [i.listId, i.editSequence, i.quantityOnHand]),
      itemsBefore,
    );
    const again = emulators.qbd;
    const restartedZuper = emulators.zuper;
    const sale = again.admin.sell({ lines: [{ item: sold.name, quantity: 1 }] });
    assert.ok(sale.txnId);
    await eventually(
      async () => ({
        zuper: Number(restartedZuper.admin.product(resumed.zuperCompany, soldLink.fieldItemId)?.quantity),
        base: await base(soldLink.accountingItemId),
      }),
      (q) => q.zuper === 39 - sold.qty && q.base === 39 - sold.qty,
      60_000,
      'a sale after the restart in Zuper',
    );
    await service.ctx.temporal.schedule.getHandle(reconcileScheduleId(DEMO_QBD_CONNECTION)).delete();
    await stopAdjustmentWatch(service.ctx.temporal, DEMO_QBD_CONNECTION);
  } finally {
    await service?.stop();
    await emulators?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
