import { randomUUID } from 'node:crypto';
import type { Benchmark, BenchEnvironment } from './support/benchmark.js';
import { seedConnection } from '../harness/connection.js';
import { BENCH_QBO_VERIFIER } from '../harness/emulators.js';
import { postLoad } from './support/http-load.js';
import { invoiceDelivery } from './support/qbo-delivery.js';
import { summarize } from './support/percentiles.js';
import { figure, atLeast, exactly, type BenchResult, type Figure } from './support/report.js';
import { startBenchStack, type BenchStack } from './support/stack.js';
import { intakeBatchWorkflow } from '../workflows/intake-batch.js';
import { ConnectionIdKey, SyncKindKey } from '../workflows/search-attributes.js';

const CONCURRENCY = 32;
/** Enough connections that the intake's per-connection limit (50/s sustained by default) is not what is measured. */
const CONNECTIONS = 16;
const WARMUP = 300;
const MAX_SECONDS = 20;

async function measure(env: BenchEnvironment, database: 'postgres' | 'pglite', count: number) {
  const stack = await startBenchStack(env, {
    timeScale: 1,
    zuperPlanPerMinute: 500,
    workers: 0,
    intake: true,
    database,
  });
  try {
    const realms: string[] = [];
    for (let c = 0; c < CONNECTIONS; c++) {
      realms.push(
        (
          await seedConnection(stack.ctx, stack.emulators, {
            connectionId: `in${c}`,
            master: 'qbo',
            zuperWebhooks: false,
          })
        ).realmId,
      );
    }
    const url = `${stack.intakeUrl!}/webhooks/qbo`;
    const build = (i: number) => invoiceDelivery(realms[i % realms.length]!, i, BENCH_QBO_VERIFIER);
    await postLoad(url, { count: WARMUP, concurrency: CONCURRENCY, maxMs: MAX_SECONDS * 1000 }, build);
    env.log(
      `webhook-intake (${database}): up to ${count} signed deliveries or ${MAX_SECONDS} s, ${CONCURRENCY} in flight`,
    );
    const [before] = await stack.ctx.store.db.query<{ seq: number }>(
      'SELECT coalesce(max(seq), 0)::int AS seq FROM webhook_deliveries',
    );
    const started = performance.now();
    const load = await postLoad(url, { count, concurrency: CONCURRENCY, maxMs: MAX_SECONDS * 1000 }, (i) =>
      build(WARMUP + i),
    );
    const stored = load.bodies.filter((b) => (b as { accepted?: number } | null)?.accepted === 1).length;
    // Handed off = Temporal holds the workflow: the outbox is empty again.
    while ((await stack.ctx.store.webhookDeliveries.waiting()) > 0) {
      if (performance.now() - started > 3 * MAX_SECONDS * 1000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const drainedMs = performance.now() - started;
    const waiting = await stack.ctx.store.webhookDeliveries.waiting();
    const [starts] = await stack.ctx.store.db.query<{ batches: number }>(
      'SELECT count(DISTINCT batch_id)::int AS batches FROM webhook_deliveries WHERE seq > $1',
      [before?.seq ?? 0],
    );
    const bare = await bareStartRate(stack, Math.min(count, 1000));
    return { load, stored, handedOff: stored - waiting, drainedMs, workflowStarts: starts?.batches ?? 0, bare };
  } finally {
    await stack.stop();
  }
}

/** Reference: how fast this run's Temporal accepts the same workflow starts from a client directly. */
async function bareStartRate(stack: BenchStack, count: number): Promise<number> {
  let next = 0;
  const deadline = performance.now() + (MAX_SECONDS / 2) * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count && performance.now() < deadline) {
        next++;
        const workflowId = `bare:${randomUUID()}`;
        await stack.ctx.temporal.workflow.start(intakeBatchWorkflow, {
          workflowId,
          taskQueue: stack.taskQueue,
          args: [workflowId],
          typedSearchAttributes: [
            { key: ConnectionIdKey, value: 'in0' },
            { key: SyncKindKey, value: 'intake' },
          ],
        });
      }
    }),
  );
  return next / ((performance.now() - started) / 1000);
}

/** Deliveries per second through `POST /webhooks/qbo` (signature check, outbox record) and on into Temporal. */
export const webhookIntake: Benchmark = {
  name: 'webhook-intake',
  defaultWorkers: 0,
  async run(env): Promise<BenchResult> {
    const count = env.quick ? 600 : 6000;
    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const database of ['postgres', 'pglite'] as const) {
      const { load, stored, handedOff, drainedMs, workflowStarts, bare } = await measure(env, database, count);
      const latency = summarize(load.latenciesMs);
      const statuses = [...load.statuses].map(([status, n]) => `${status}×${n}`).join(', ');
      figures.push(
        figure(
          `${database}DeliveriesPerSecond`,
          `${database}: deliveries handed to Temporal per second`,
          handedOff / (drainedMs / 1000),
          '/s',
          atLeast(300),
        ),
        figure(
          `${database}AcceptedPerSecond`,
          `${database}: deliveries stored and answered 200 per second`,
          stored / (load.elapsedMs / 1000),
          '/s',
        ),
        figure(`${database}P50Ms`, `${database}: response time p50`, latency.p50, 'ms'),
        figure(`${database}P99Ms`, `${database}: response time p99`, latency.p99, 'ms'),
        figure(
          `${database}NotHandedOff`,
          `${database}: deliveries not handed off`,
          load.sent - handedOff,
          '',
          exactly(0),
        ),
        figure(`${database}WorkflowStarts`, `${database}: intake workflows started for them`, workflowStarts, ''),
        figure(`${database}BareStartsPerSecond`, `${database}: reference, bare workflow starts per second`, bare, '/s'),
      );
      notes.push(
        `${database}: ${load.sent} deliveries answered in ${(load.elapsedMs / 1000).toFixed(1)} s and all handed off ${(drainedMs / 1000).toFixed(1)} s after the first was sent, in ${workflowStarts} workflow starts; HTTP statuses ${statuses}`,
      );
    }
    notes.push(
      `Each delivery is one QBO CloudEvents Invoice event with a distinct id, signed (HMAC-SHA256) like the emulator's, spread over ${CONNECTIONS} connected realms; ${CONCURRENCY} requests in flight from this process over keep-alive connections after ${WARMUP} warm-up deliveries.`,
      'Handed off = stored in the intake outbox (answered 200 with accepted:1) and then taken by Temporal in a batch workflow start; the rate runs from the first request until the outbox is empty again (no worker runs).',
      `Reference: the same workflow starts sent straight from a Temporal client, ${CONCURRENCY} in flight, to the same Temporal ${env.temporalKind}: the most any intake could hand off on this machine at this moment.`,
      'postgres: the intake as deployed with docker compose (local PostgreSQL); pglite: the embedded default of `npm start` (PGlite in the intake process).',
    );
    return {
      name: 'webhook-intake',
      description: `QBO webhook deliveries through the HTTP intake with signature checks, handed to a real Temporal ${env.temporalKind}`,
      figures,
      notes,
    };
  },
};
