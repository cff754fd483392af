import { connectionIdFor, type Benchmark } from './support/benchmark.js';
import { waitQuiet } from './support/catalog.js';
import { sellInQbo } from '../harness/sales.js';
import { seedConnection } from '../harness/connection.js';
import { QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';
import { seedLinkedPairs } from './support/linked-pairs.js';
import { peakInWindow } from './support/percentiles.js';
import { figure, atMost, exactly, type BenchResult } from './support/report.js';
import { accepted, callBreakdown, RequestTally, throttled } from './support/request-tally.js';
import { startBenchStack, type BenchStack } from './support/stack.js';
import type { RequestLogEntry } from '../emulators/common/admin.js';

/**
 * Both limits lowered to 60/min: at QBO's real 500/min the whole stack on this 2-core machine (Temporal dev server
 * included) cannot demand that much, and the limiter would never be what paces the workers.
 */
const LIMIT = 60;
const ITEMS = 100;
/**
 * QBO sales per minute: each costs 2-3 calls per system (route, settle, echo), about three times the limits. Far more
 * would spend QBO's whole budget on routing reads and leave Zuper idle.
 */
const SALES_PER_MINUTE = 80;
const DRAIN_BOUND_MS = 45_000;

/** Activities of 20 settled items' quantity workflows by the pid of the worker that ran them (its default identity). */
async function activitiesByWorker(stack: BenchStack, connectionId: string): Promise<Map<number, number>> {
  const settled = await stack.ctx.store.db.query<{ workflow_id: string }>(
    `SELECT DISTINCT workflow_id FROM sync_runs WHERE connection_id = $1 AND kind = 'quantity' AND workflow_id IS NOT NULL LIMIT 20`,
    [connectionId],
  );
  const counts = new Map<number, number>();
  for (const { workflow_id } of settled) {
    const history = await stack.ctx.temporal.workflow.getHandle(workflow_id).fetchHistory();
    for (const event of history.events ?? []) {
      const pid = Number(/^(\d+)@/.exec(event.activityTaskStartedEventAttributes?.identity ?? '')?.[1]);
      if (Number.isInteger(pid)) counts.set(pid, (counts.get(pid) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Worker processes (two unless told) on one task queue and one PostgreSQL database, both settling items of one QBO company and one
 * Zuper company under more load than the APIs allow: the per-minute peaks each emulator saw against its limit.
 */
export const scaleOut: Benchmark = {
  name: 'scale-out',
  defaultWorkers: 2,
  async run(env): Promise<BenchResult> {
    const loadMs = env.quick ? 60_000 : 150_000;
    const stack = await startBenchStack(env, {
      timeScale: 1,
      qboRequestsPerMinute: LIMIT,
      zuperPlanPerMinute: LIMIT,
      workers: env.workers ?? 2,
      intake: true,
      database: 'postgres',
    });
    try {
      stack.emulators.setRateLimits(false);
      const connection = await seedConnection(stack.ctx, stack.emulators, {
        connectionId: connectionIdFor(env, 'scale'),
        master: 'qbo',
        zuperWebhooks: true,
      });
      const pairs = await seedLinkedPairs(stack, connection, ITEMS, 10_000);
      stack.emulators.setRateLimits(true);

      const qboLog = new RequestTally(stack.emulators.qbo.admin).start();
      const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
      env.log(
        `scale-out: ${SALES_PER_MINUTE} QBO sales/min over ${ITEMS} items for ${loadMs / 1000} s, ${stack.workers.length} workers`,
      );
      const started = performance.now();
      const interval = 60_000 / SALES_PER_MINUTE;
      let sales = 0;
      while (performance.now() - started < loadMs) {
        const pair = pairs[sales % pairs.length]!;
        sellInQbo(stack.emulators, connection.realmId, pair.qboItemId, 1 + (sales % 3));
        sales++;
        const wait = started + sales * interval - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      env.log('scale-out: load stopped; letting the backlog drain');
      const drained = await waitQuiet(stack.emulators, 5000, DRAIN_BOUND_MS).then(
        () => true,
        () => false,
      );
      const qboCalls = qboLog.stop();
      const zuperCalls = zuperLog.stop();
      const failures = [
        ...(await stack.ctx.store.history.list({
          connectionId: connection.connectionId,
          status: 'failed',
          limit: 1000,
        })),
        ...(await stack.ctx.store.history.list({
          connectionId: connection.connectionId,
          status: 'needs_attention',
          limit: 1000,
        })),
      ];
      const throttleFailures = failures.filter((f) =>
        /throttl|rate limit|too many requests|429/i.test(`${f.errorCode ?? ''} ${f.explanation ?? ''}`),
      );
      const stamps = (entries: RequestLogEntry[]) => accepted(entries).map((e) => Date.parse(e.at));
      const qboPeak = peakInWindow(stamps(qboCalls), 60_000);
      const zuperPeak = peakInWindow(stamps(zuperCalls), 60_000);
      const byWorker = await activitiesByWorker(stack, connection.connectionId);
      const activeWorkers = stack.workers.filter((w) => (byWorker.get(w.pid) ?? 0) > 0).length;
      const lookups =
        zuperCalls.filter((e) => e.path === '/api/product/transaction').length +
        qboCalls.filter((e) => /DocNumber/i.test(String(e.query.query ?? ''))).length;
      return {
        name: 'scale-out',
        description: `${stack.workers.length} worker process(es) (one task queue, one PostgreSQL) syncing one QBO company and one Zuper company under more load than their (lowered) limits allow`,
        figures: [
          figure('qboPeakPerMinute', 'QBO: peak accepted requests in any rolling minute', qboPeak, '', atMost(LIMIT)),
          figure(
            'zuperPeakPerMinute',
            'Zuper: peak accepted requests in any rolling minute',
            zuperPeak,
            '',
            atMost(LIMIT),
          ),
          figure('qboPeakShare', 'QBO: peak ÷ limit (near 1: the limiter paced the workers)', qboPeak / LIMIT),
          figure('zuperPeakShare', 'Zuper: peak ÷ limit', zuperPeak / LIMIT),
          figure('qboThrottled', 'QBO: 429 answers', throttled(qboCalls).length),
          figure('zuperThrottled', 'Zuper: 429 answers', throttled(zuperCalls).length),
          figure('throttleFailures', 'syncs failed because of throttling', throttleFailures.length, '', exactly(0)),
          figure('failures', 'syncs failed or needing attention (any cause)', failures.length),
          figure('sales', 'QBO sales driven', sales),
          figure('movementLookups', 'movement look-ups before a rewrite (retried or resumed writes)', lookups),
          figure(
            'workersActive',
            'worker processes that ran activities (20 settled items sampled)',
            activeWorkers,
            '',
            exactly(stack.workers.length),
          ),
        ],
        notes: [
          `Load: QBO invoices entered as a user (no API budget used) at ${SALES_PER_MINUTE} per real minute, round-robin over ${ITEMS} linked items, for ${loadMs / 1000} s; each sale reaches the intake as a signed CloudEvents webhook, and the settles' Zuper movements come back as Zuper webhooks. Then up to ${DRAIN_BOUND_MS / 1000} s for the backlog to drain (${drained ? 'it drained' : 'it had not drained by then'}).`,
          `Limits: QBO ${LIMIT}/min per realm (sliding window; Intuit's is ${QBO_REQUESTS_PER_MINUTE}), Zuper plan ${LIMIT}/min (fixed window from its first request), real time; the service is given the same 96 % share of each as of QBO's 500 (budgets QBO ${stack.budgets.qboRequestsPerMinute}/min, Zuper ${stack.budgets.zuperRequestsPerMinute}/min), in token buckets shared through PostgreSQL (burst = budget/30). Peaks count the requests each emulator accepted in any 60 s of its request log.`,
          `Against the service's own budgets: QBO peak ${qboPeak} vs ${stack.budgets.qboRequestsPerMinute}/min, Zuper peak ${zuperPeak} vs ${stack.budgets.zuperRequestsPerMinute}/min (a token bucket admits up to burst + budget in one minute after an idle spell).`,
          `Workers: ${stack.workers.map((w) => `pid ${w.pid} ran ${byWorker.get(w.pid) ?? 0}`).join(', ')} activities of the 20 sampled item workflows (from their histories); same task queue and database; the HTTP intake runs in the benchmark process.`,
          `QBO calls: ${callBreakdown(qboCalls)}; QBO refusals by limit: ${JSON.stringify(stack.emulators.qbo.admin.counters().throttled)}`,
          `Zuper calls: ${callBreakdown(zuperCalls)}`,
          ...throttleFailures.slice(0, 3).map((f) => `failure: ${f.explanation ?? f.summary}`),
        ],
      };
    } finally {
      await stack.stop();
    }
  },
};
