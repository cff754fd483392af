import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { z } from 'zod';
import { createActivities } from '../activities/index.js';
import { consumeInZuper, sellInQbo } from '../harness/sales.js';
import { adjustStockInQbo } from '../emulators/qbo/index.js';
import { REPLAY_TEST_ONLY_SECRETS } from '../harness/replay-test-key.js';
import { itemQuantityWorkflow, requestSettleSignal, type ItemQuantityState } from '../workflows/item-quantity.js';
import { itemSyncWorkflow, requestItemSyncSignal } from '../workflows/item-sync.js';
import { linkCatalogWorkflow } from '../workflows/link-catalog.js';
import { reconcileWorkflow } from '../workflows/reconcile.js';
import type { intakeBatchWorkflow } from '../workflows/intake-batch.js';
import { adjustmentWatchWorkflow } from '../workflows/adjustment-watch.js';
import { adjustmentWatchWorkflowId, itemQuantityWorkflowId, itemSyncWorkflowId } from '../client/workflow-ids.js';
import type { QboChange } from '../integrations/qbo/announced-change.js';
import type { ZuperChange } from '../integrations/zuper/announced-change.js';
import { linkCatalogs, seedMasterItems, type ChaosItem } from './catalog.js';
import { waitForQuiet } from './settle-wait.js';
import { startChaosStack, type ChaosStack } from './stack.js';
import { zuperUserApi } from './zuper-user-api.js';

/**
 * `node dist/chaos/record-histories.js`: runs representative executions of every workflow type against a private
 * Temporal dev server and writes their event histories to test/histories/<workflow>-<case>.json, encrypted with the
 * test-only key, for the replay test (see test/histories/README.md for when to refresh them). File names given as
 * arguments (without `.json`) limit the writing to those cases, so new cases are added without touching the others.
 */
const folder = fileURLToPath(new URL('../../test/histories/', import.meta.url));
const startedAt = Date.now();
const log = (line: string) =>
  process.stderr.write(`[record ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`the recorded case is not what it should be: ${what}`);
}

const only = new Set(process.argv.slice(2));

async function record(stack: ChaosStack, file: string, workflowId: string, runId?: string): Promise<void> {
  if (only.size > 0 && !only.has(file)) return;
  const history = await stack.ctx.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  await writeFile(`${folder}${file}.json`, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
  log(`${file}: ${history.events?.length ?? 0} events`);
}

const settled = async (stack: ChaosStack) =>
  check((await waitForQuiet(stack, 60_000, log)) === null, 'the service settled');

const stack = await startChaosStack({
  master: 'qbo',
  timeScale: 100,
  webhooks: false,
  env: { ...REPLAY_TEST_ONLY_SECRETS },
  log,
});
try {
  const { temporal } = stack.ctx;
  const { connectionId, realmId, zuperApiUrl, zuperApiKey } = stack.connection;
  const taskQueue = stack.taskQueue;
  const sell = (qboItemId: string, qty: number) => sellInQbo(stack.emulators, realmId, qboItemId, qty);
  const settleItem = (item: { qboItemId: string; zuperProductUid: string }, reason: string, settlesPerRun?: number) =>
    temporal.workflow.signalWithStart(itemQuantityWorkflow, {
      workflowId: itemQuantityWorkflowId(connectionId, item.qboItemId),
      taskQueue,
      args: [
        {
          connectionId,
          qboItemId: item.qboItemId,
          zuperProductUid: item.zuperProductUid,
          idleTimeoutMs: 1000,
          ...(settlesPerRun ? { settlesPerRun } : {}),
        },
      ],
      signal: requestSettleSignal,
      signalArgs: [{ reason }],
    });
  /** Stores webhook changes in the intake outbox, as the HTTP intake does, and waits for the batch they form. */
  const throughIntake = async (
    source: 'qbo' | 'zuper',
    changes: (QboChange | ZuperChange)[],
    label: string = source,
  ) => {
    // Delivery ids are unique per case: the intake ignores a delivery id it has already handed off.
    const deliveries = changes.map((change, i) => ({ deliveryId: `replay-${label}-${i}`, connectionId, change }));
    await stack.ctx.store.webhookDeliveries.accept(source, deliveries);
    const batches = new Set<string | null>();
    for (let attempt = 0; attempt < 100 && (batches.size === 0 || batches.has(null)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      batches.clear();
      for (const d of deliveries)
        batches.add(await stack.ctx.store.webhookDeliveries.handedOffIn(source, d.deliveryId));
    }
    const [batchId] = [...batches];
    check(batches.size === 1 && typeof batchId === 'string', 'the deliveries were handed off in one batch');
    await temporal.workflow.getHandle(batchId!).result();
    return batchId!;
  };
  const latestRun = async (workflowId: string) => (await temporal.workflow.getHandle(workflowId).describe()).runId;
  const qtyId = (item: { qboItemId: string }) => itemQuantityWorkflowId(connectionId, item.qboItemId);

  // Linking: the dry run, then the real run that creates the Zuper products.
  seedMasterItems(stack, 'qbo', 4, () => 0.5);
  const dryRun = await temporal.workflow.execute(linkCatalogWorkflow, {
    workflowId: 'replay-link-dry-run',
    taskQueue,
    args: [{ connectionId, dryRun: true }],
  });
  check(dryRun.summary.create === 4, 'the dry run plans four creations');
  await record(stack, 'linkCatalogWorkflow-dry-run', 'replay-link-dry-run');
  const [a, b, c, d] = (await linkCatalogs(stack, 4)) as [ChaosItem, ChaosItem, ChaosItem, ChaosItem];
  await record(stack, 'linkCatalogWorkflow-real', `link:${connectionId}:run:chaos`);
  await settled(stack);

  // Two QBO invoices arriving together, routed to their item in one intake batch, and the item's signalled settle.
  const invoices = [sell(a.qboItemId, 2), sell(a.qboItemId, 1)];
  const qboBatch = await throughIntake(
    'qbo',
    invoices.map((entityId) => ({ connectionId, entity: 'Invoice', entityId, operation: 'Create' })),
  );
  await record(stack, 'intakeBatchWorkflow-qbo-invoices', qboBatch);
  await settled(stack);
  await record(stack, 'itemQuantityWorkflow-signalled-settle', qtyId(a), await latestRun(qtyId(a)));

  // A Zuper invoice routed to its product.
  const invoiceUid = await consumeInZuper(stack.connection, b.zuperProductUid, 3);
  const zuperBatch = await throughIntake('zuper', [
    { connectionId, event: 'invoice.new', productUid: null, invoiceUid },
  ]);
  await record(stack, 'intakeBatchWorkflow-zuper-invoice', zuperBatch);
  await settled(stack);

  // One settle per run: the run continues as new, and the next run ends idle.
  sell(c.qboItemId, 1);
  const chain = await settleItem(c, 'recording: continue-as-new', 1);
  await settled(stack);
  const afterRunId = await latestRun(qtyId(c));
  check(afterRunId !== chain.signaledRunId, 'the run continued as new');
  await record(stack, 'itemQuantityWorkflow-continue-as-new', qtyId(c), chain.signaledRunId);
  await record(stack, 'itemQuantityWorkflow-after-continue-as-new', qtyId(c), afterRunId);

  // A settle planned by a run that died before writing: the next run resumes the stored plan, then settles again.
  sell(d.qboItemId, 4);
  const planned = await createActivities(stack.ctx.activityDeps).planSettle({
    connectionId,
    qboItemId: d.qboItemId,
    reason: 'recording: a settle interrupted after planning',
  });
  check(planned.kind === 'plan', 'a plan is pending');
  await settleItem(d, 'recording: resume');
  await settled(stack);
  check((await stack.ctx.store.links.get(connectionId, d.qboItemId))?.pendingSettle === null, 'the plan was resumed');
  await record(stack, 'itemQuantityWorkflow-resumed-plan', qtyId(d), await latestRun(qtyId(d)));

  // Drift no webhook announced: reconciliation finds and settles it through the item's update.
  sell(a.qboItemId, 1);
  const report = await temporal.workflow.execute(reconcileWorkflow, {
    workflowId: 'replay-reconcile',
    taskQueue,
    args: [{ connectionId }],
  });
  check(report.drifted === 1 && report.corrected === 1, 'reconciliation corrected one drifted item');
  await record(stack, 'reconcileWorkflow-drift', 'replay-reconcile');
  await settled(stack);
  await record(stack, 'itemQuantityWorkflow-settle-now-update', qtyId(a), await latestRun(qtyId(a)));

  // A definition change in the master copied to the other side.
  stack.emulators.qbo.admin.editItemAsOtherUser(realmId, b.qboItemId, { changes: { Description: 'Recorded change' } });
  const itemSyncId = itemSyncWorkflowId(connectionId, 'accounting', b.qboItemId);
  const synced = await temporal.workflow.execute(itemSyncWorkflow, {
    workflowId: itemSyncId,
    taskQueue,
    args: [{ connectionId, side: 'accounting', itemId: b.qboItemId, idleTimeoutMs: 500 }],
  });
  check(synced.status === 'synced', 'the definition synced');
  await record(stack, 'itemSyncWorkflow-accounting-definition', itemSyncId);

  // One sync per run: the run continues as new, and the next run ends idle.
  stack.emulators.qbo.admin.editItemAsOtherUser(realmId, b.qboItemId, { changes: { Description: 'Changed again' } });
  const syncChain = await temporal.workflow.signalWithStart(itemSyncWorkflow, {
    workflowId: itemSyncId,
    taskQueue,
    args: [{ connectionId, side: 'accounting', itemId: b.qboItemId, idleTimeoutMs: 500, syncsPerRun: 1 }],
    signal: requestItemSyncSignal,
    signalArgs: [],
  });
  const lastSync = await temporal.workflow.getHandle<typeof itemSyncWorkflow>(itemSyncId).result();
  const nextSyncRun = await latestRun(itemSyncId);
  check(nextSyncRun !== syncChain.signaledRunId && lastSync.status === 'synced', 'the item sync continued as new');
  await record(stack, 'itemSyncWorkflow-continue-as-new', itemSyncId, syncChain.signaledRunId);
  await record(stack, 'itemSyncWorkflow-after-continue-as-new', itemSyncId, nextSyncRun);

  const zuperUser = zuperUserApi(zuperApiUrl, zuperApiKey);

  // A stock adjustment entered in QuickBooks (no webhook): the quantity watch finds it and settles the item.
  const watchId = adjustmentWatchWorkflowId(connectionId);
  const watch = await temporal.workflow.start(adjustmentWatchWorkflow, {
    workflowId: watchId,
    // The stack's worker upkeep already started this connection's watch; the recorded run is a fresh one.
    workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    taskQueue,
    args: [{ connectionId, pacing: { activeMs: 200, idleMs: 300, monthlyReadBudget: 1e9 } }],
  });
  const adjustmentId = adjustStockInQbo(stack.emulators.qbo.admin, realmId, { itemId: a.qboItemId, qtyDiff: 2 });
  const adjustmentKey = `InventoryAdjustment:${adjustmentId}`;
  for (let i = 0; i < 200; i++) {
    const cursor = await stack.ctx.store.adjustmentCursors.get(connectionId);
    if (cursor?.seenIds.includes(adjustmentKey)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  check(
    (await stack.ctx.store.adjustmentCursors.get(connectionId))?.seenIds.includes(adjustmentKey) === true,
    'the watch found the adjustment',
  );
  // The watch never ends by itself, so it is stopped before waiting for the settle it asked for.
  await watch.terminate('recorded');
  await record(stack, 'adjustmentWatchWorkflow-found-adjustment', watchId);
  await settled(stack);

  // A Zuper stock movement: the delivery names no product, so the batch reads the movement list once.
  const transaction = { product_uid: b.zuperProductUid, location_uid: stack.connection.locations.main, quantity: 2 };
  await zuperUser.write('POST', `/product/${b.zuperProductUid}/outward`, { transaction }, z.unknown(), () =>
    Promise.resolve(null),
  );
  const movementBatch = await throughIntake(
    'zuper',
    [{ connectionId, event: 'product.transcation_outward', productUid: null, invoiceUid: null }],
    'zuper-movement',
  );
  const movementResult = await temporal.workflow.getHandle<typeof intakeBatchWorkflow>(movementBatch).result();
  check(movementResult.settled.includes(b.qboItemId), 'the movement list named the moved product');
  await record(stack, 'intakeBatchWorkflow-zuper-movement', movementBatch);
  await settled(stack);

  // A settle that cannot succeed (its Zuper product was deleted): recorded as needing attention. Last, because its
  // plan stays pending until someone restores the product, so the service is never quiet again.
  await zuperUser.write('DELETE', `/product/${c.zuperProductUid}`, undefined, z.unknown(), () => Promise.resolve(null));
  sell(c.qboItemId, 1);
  const failedRun = (await settleItem(c, 'recording: product deleted')).signaledRunId;
  const state = (await temporal.workflow.getHandle(qtyId(c), failedRun).result()) as ItemQuantityState;
  check(state.lastResult?.status === 'failed', 'the settle failed and needs attention');
  await record(stack, 'itemQuantityWorkflow-needs-attention', qtyId(c), failedRun);
} finally {
  await stack.stop();
}
process.exit(0);
