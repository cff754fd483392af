import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { createIntakeDispatcher } from '../../server/webhooks/intake-dispatcher.js';
import { intakeBatchWorkflow } from '../../workflows/intake-batch.js';
import { eventually } from '../support/eventually.js';
import { openTestContext, workflowExists } from './support.js';
import { intakeBatchWorkflowId } from '../../client/workflow-ids.js';

let ctx: AppContext;
before(async () => {
  ctx = await openTestContext();
});
after(() => ctx.close());

const silent = () => undefined;
const dispatcherFor = (context: AppContext) =>
  createIntakeDispatcher({
    store: context.store,
    temporal: context.temporal,
    taskQueue: context.env.TEMPORAL_TASK_QUEUE,
    log: { debug: silent, info: silent, warn: silent, error: silent },
    startTimeoutMs: 5_000,
    retentionMs: 3_600_000,
  });

test('a dispatcher that died after starting a batch leaves no double: the next one finds the run and books it', async () => {
  const connectionId = `crash-${randomUUID()}`;
  const deliveries = ['a', 'b'].map((id) => ({
    deliveryId: `${connectionId}-${id}`,
    connectionId,
    change: { connectionId, entity: 'Invoice', entityId: id, operation: 'Create' },
  }));
  await ctx.store.webhookDeliveries.accept('qbo', deliveries);
  // The first dispatcher claims the batch with a short lease, starts its workflow, and dies before booking it.
  const [claimed] = await ctx.store.webhookDeliveries.claim({
    limit: 10,
    batchSize: 10,
    leaseMs: 1,
    batchIdFor: intakeBatchWorkflowId,
  });
  assert.equal(claimed?.batchId, intakeBatchWorkflowId('qbo', connectionId, deliveries[0]!.deliveryId));
  const first = await ctx.temporal.workflow.start(intakeBatchWorkflow, {
    workflowId: claimed.batchId,
    taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
    args: [claimed.batchId],
  });
  // The run even closed before anyone looked again: it still counts as the batch's run.
  await first.terminate('the run finished before the dispatcher came back');

  const next = dispatcherFor(ctx);
  next.start();
  try {
    await eventually(
      () => ctx.store.webhookDeliveries.waiting(),
      (waiting) => waiting === 0,
    );
  } finally {
    await next.stop();
  }
  for (const d of deliveries) {
    assert.equal(await ctx.store.webhookDeliveries.handedOffIn('qbo', d.deliveryId), claimed.batchId);
  }
  const description = await ctx.temporal.workflow.getHandle(claimed.batchId).describe();
  assert.deepEqual(
    [description.runId, description.status.name],
    [first.firstExecutionRunId, 'TERMINATED'],
    'the run the dead dispatcher started, not a second one',
  );
});

test('two dispatchers over one outbox hand each delivery off once', async () => {
  const connections = [`two-${randomUUID()}`, `two-${randomUUID()}`];
  const dispatchers = [dispatcherFor(ctx), dispatcherFor(ctx)];
  for (const d of dispatchers) d.start();
  try {
    for (let i = 0; i < 60; i++) {
      const connectionId = connections[i % 2]!;
      await ctx.store.webhookDeliveries.accept('zuper', [
        {
          deliveryId: `${connectionId}-${i}`,
          connectionId,
          change: { connectionId, event: 'product.update', productUid: `p-${i}`, invoiceUid: null },
        },
      ]);
    }
    await eventually(
      () => ctx.store.webhookDeliveries.waiting(),
      (waiting) => waiting === 0,
    );
  } finally {
    await Promise.all(dispatchers.map((d) => d.stop()));
  }
  for (const connectionId of connections) {
    const sent = Array.from({ length: 30 }, (_, k) => `${connectionId}-${2 * k + connections.indexOf(connectionId)}`);
    const batches = new Set(await Promise.all(sent.map((id) => ctx.store.webhookDeliveries.handedOffIn('zuper', id))));
    const routed: string[] = [];
    for (const batch of batches) {
      assert.ok(batch && (await workflowExists(ctx.temporal, batch)), `${String(batch)} was started`);
      routed.push(...(await ctx.store.webhookDeliveries.batch(batch)).map((d) => d.deliveryId));
    }
    assert.deepEqual(routed.sort(), [...sent].sort(), `${connectionId}: every delivery in exactly one batch`);
  }
});
