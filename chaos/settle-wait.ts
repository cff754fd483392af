import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosStack } from './stack.js';
import { notAdjustmentWatch } from '../client/adjustment-watch.js';

interface Busy {
  runningWorkflows: number;
  pendingPlans: number;
  /** Stored by the intake, not yet handed to Temporal. */
  deliveriesWaiting: number;
  webhooksInFlight: boolean;
}

/** True when neither emulator has a webhook delivery queued, in flight or waiting to be retried. */
const webhooksIdle = (stack: ChaosStack) =>
  Promise.race([
    Promise.all([
      stack.emulators.qbo.admin.waitForWebhooksIdle(),
      stack.emulators.zuper.admin.waitForWebhooksIdle(),
    ]).then(() => true),
    sleep(20).then(() => false),
  ]);

/** Running work on the task queue; the quantity watch never ends by itself, so it does not count as work. */
const runningQuery = (stack: ChaosStack) =>
  `TaskQueue = "${stack.taskQueue}" AND ExecutionStatus = "Running" AND ${notAdjustmentWatch}`;

async function busyness(stack: ChaosStack): Promise<Busy> {
  const { count } = await stack.ctx.temporal.workflow.count(runningQuery(stack));
  const [row] = await stack.ctx.store.db.query<{ n: string }>(
    'SELECT count(*) AS n FROM item_links WHERE connection_id = $1 AND pending_settle IS NOT NULL',
    [stack.connection.connectionId],
  );
  return {
    runningWorkflows: count,
    pendingPlans: Number(row?.n ?? 0),
    deliveriesWaiting: await stack.ctx.store.webhookDeliveries.waiting(),
    webhooksInFlight: !(await webhooksIdle(stack)),
  };
}

async function runningIds(stack: ChaosStack, limit = 5): Promise<string[]> {
  const ids: string[] = [];
  for await (const run of stack.ctx.temporal.workflow.list({ query: runningQuery(stack) })) {
    ids.push(run.workflowId);
    if (ids.length >= limit) break;
  }
  return ids;
}

const isQuiet = (b: Busy) =>
  b.runningWorkflows === 0 && b.pendingPlans === 0 && b.deliveriesWaiting === 0 && !b.webhooksInFlight;

/**
 * Waits until the service has nothing left to do: no webhook deliveries queued or retrying in either emulator or
 * waiting in the intake outbox, no workflow but the quantity watch running on the task queue (item workflows end after their idle timeout), no settle plan pending.
 * Returns null once that held twice in a row, or what was still busy at the deadline.
 */
export async function waitForQuiet(
  stack: ChaosStack,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<string | null> {
  await stack.worker.ready();
  const deadline = Date.now() + timeoutMs;
  let quietBefore = false;
  let reportAt = Date.now() + 10_000;
  for (;;) {
    const busy = await busyness(stack);
    if (Date.now() > reportAt) {
      reportAt += 10_000;
      log(`still settling: ${JSON.stringify(busy)}; running: ${(await runningIds(stack)).join(', ')}`);
    }
    if (isQuiet(busy) && quietBefore) return null;
    quietBefore = isQuiet(busy);
    // A quiet reading at the deadline gets its confirming second look.
    if (Date.now() > deadline && !quietBefore)
      return `still busy after ${Math.round(timeoutMs / 1000)} s: ${JSON.stringify(busy)}`;
    await sleep(500);
  }
}
