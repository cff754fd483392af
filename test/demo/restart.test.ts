import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadEnv, type Env } from '../../config/env.js';
import type { AppContext } from '../../service/context.js';
import {
  DEMO_CONNECTION,
  DEMO_QBO_VERIFIER,
  DEMO_WITHOUT_EMULATORS,
  DEMO_ZUPER_COMPANY,
  pauseDemoWithoutEmulators,
  seedDemo,
} from '../../demo/qbo-demo.js';
import { connectionStatus } from '../../operator/connection-status.js';
import { emulatorsAdminClient, type EmulatorsAdminClient } from '../../emulators/admin-client.js';
import { emulatorStateFiles, startEmulators, type RunningEmulators } from '../../emulators/start-both.js';
import { consumeOnInvoice } from '../../emulators/zuper/index.js';
import { freePort } from '../../scripts/free-port.js';
import { eventually } from '../support/eventually.js';
import { reconcileScheduleId } from '../../client/workflow-ids.js';
import { startDemoService } from './service.js';

Runtime.install({ logger: new DefaultLogger('WARN') });

/** The service as `npm start` composes it, on the QuickBooks Online emulator. */
const startService = (env: Env, emulators: EmulatorsAdminClient) =>
  startDemoService(env, { emulatorUrl: emulators.qbo.baseUrl, verifierToken: DEMO_QBO_VERIFIER });

const quantityRuns = (ctx: AppContext) =>
  ctx.store.history.list({ connectionId: DEMO_CONNECTION, kind: 'quantity', limit: 1000 });

test('a restart of the service and of the emulators resumes the same demo: items, quantities, links and history stay, and the sync goes on', async () => {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests with `npm test`');
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-restart-'));
  const ports = { qbo: await freePort(), zuper: await freePort() };
  const env = loadEnv({
    DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `demo-restart-${randomBytes(4).toString('hex')}`,
    HTTP_PORT: String(await freePort()),
    QBO_EMULATOR_PORT: String(ports.qbo),
    ZUPER_EMULATOR_PORT: String(ports.zuper),
    EMULATORS: 'on',
    ITEM_IDLE_TIMEOUT: '2s',
  });
  let emulators: RunningEmulators | null = await startEmulators({ ...ports, dataDir });
  const admin = emulatorsAdminClient({ qbo: emulators.qbo.baseUrl, zuper: emulators.zuper.baseUrl });
  let service: Awaited<ReturnType<typeof startService>> | null = await startService(env, admin);
  try {
    const demo = await seedDemo(service.ctx, admin);
    assert.ok(demo.link && demo.link.summary.create > 0, 'the first start links the catalogs');
    const link = (await service.ctx.store.links.list(DEMO_CONNECTION)).find((l) => l.tracksQuantity);
    assert.ok(link);
    const quantities = async () => ({
      qbo: Number((await admin.qbo.getEntity(demo.realmId, 'Item', link.accountingItemId))?.QtyOnHand),
      zuper: Number((await admin.zuper.product(DEMO_ZUPER_COMPANY, link.fieldItemId))?.quantity),
    });
    const consume = (qty: number) =>
      consumeOnInvoice(`${admin.zuper.baseUrl}/api`, demo.zuperApiKey, {
        productUid: link.fieldItemId,
        locationUid: demo.vanLocationUid,
        qty,
        unitPrice: 4,
      });
    const start = await quantities();
    assert.equal(start.qbo, start.zuper);
    await consume(3);
    const afterFirst = await eventually(quantities, (q) => q.qbo === start.qbo - 3 && q.zuper === start.qbo - 3);
    const settled = await eventually(
      () => quantityRuns(service!.ctx),
      (runs) => runs.some((r) => r.status === 'succeeded'),
    );
    const connectionBefore = await service.ctx.store.connections.find(DEMO_CONNECTION);
    const links = await service.ctx.store.links.list(DEMO_CONNECTION);

    // Both sides go down at once; the emulators' files are as a crash leaves them (copied before a clean close).
    const files = emulatorStateFiles(dataDir);
    copyFileSync(files.qbo, `${files.qbo}.crash`);
    copyFileSync(files.zuper, `${files.zuper}.crash`);
    await service.stop();
    service = null;
    await emulators.close();
    emulators = null;
    copyFileSync(`${files.qbo}.crash`, files.qbo);
    copyFileSync(`${files.zuper}.crash`, files.zuper);

    emulators = await startEmulators({ ...ports, dataDir });
    service = await startService(env, admin);
    const resumed = await seedDemo(service.ctx, admin);
    assert.equal(resumed.link, null, 'the stored demo is resumed, not linked anew');
    assert.equal(resumed.realmId, demo.realmId);
    assert.deepEqual(await quantities(), afterFirst);
    const pairs = (list: typeof links) => list.map((l) => [l.accountingItemId, l.fieldItemId, l.baseQty]);
    assert.deepEqual(pairs(await service.ctx.store.links.list(DEMO_CONNECTION)), pairs(links));
    const connectionAfter = await service.ctx.store.connections.find(DEMO_CONNECTION);
    assert.equal(connectionAfter?.status, connectionBefore?.status);
    const kept = await quantityRuns(service.ctx);
    assert.deepEqual(
      kept.map((r) => r.id),
      settled.map((r) => r.id),
      'every history row of the first run is still there',
    );

    // The sync goes on after the service restart…
    await consume(2);
    await eventually(quantities, (q) => q.qbo === afterFirst.qbo - 2 && q.zuper === afterFirst.qbo - 2);

    // …and after the emulators alone restart while the service keeps running.
    await emulators.close();
    emulators = await startEmulators({ ...ports, dataDir });
    // Read until this test's kept-alive sockets to the old emulators are retired (a fetch on one fails).
    const afterEmulatorRestart = await eventually(
      () => quantities().catch(() => null),
      (q) => q !== null,
    );
    assert.deepEqual(afterEmulatorRestart, { qbo: afterFirst.qbo - 2, zuper: afterFirst.qbo - 2 });
    await consume(1);
    await eventually(quantities, (q) => q.qbo === afterFirst.qbo - 3 && q.zuper === afterFirst.qbo - 3);
    const finalRuns = await eventually(
      () => quantityRuns(service!.ctx),
      (runs) => runs.filter((r) => r.status === 'succeeded').length >= settled.length + 2,
    );
    assert.ok(settled.every((row) => finalRuns.some((r) => r.id === row.id)));

    // A start without the emulators pauses the demo with the real reason instead of calling it "Authorised"…
    assert.equal(await pauseDemoWithoutEmulators(service.ctx), true);
    const paused = await connectionStatus(service.ctx, DEMO_CONNECTION);
    assert.deepEqual([paused.status, paused.statusReason], ['needs_reconnect', DEMO_WITHOUT_EMULATORS]);
    assert.doesNotMatch(paused.qbo.message, /^Authorised/);
    // …and the next start with them resumes it.
    assert.equal((await seedDemo(service.ctx, admin)).link, null);
    assert.equal((await service.ctx.store.connections.find(DEMO_CONNECTION))?.status, 'active');
    await service.ctx.temporal.schedule.getHandle(reconcileScheduleId(DEMO_CONNECTION)).delete();
  } finally {
    await service?.stop();
    await emulators?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
