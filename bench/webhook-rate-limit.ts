import { setTimeout as sleep } from 'node:timers/promises';
import { serverDefaults } from '../server/server-options.js';
import type { Benchmark } from './support/benchmark.js';
import { seedConnection } from '../harness/connection.js';
import { BENCH_QBO_VERIFIER } from '../harness/emulators.js';
import { invoiceDelivery, type Delivery } from './support/qbo-delivery.js';
import { exactly, figure, type BenchResult } from './support/report.js';
import { startBenchStack } from './support/stack.js';

/** What a sender that honours Retry-After saw while delivering everything. */
export interface RetryingLoad {
  deliveries: number;
  /** Answered 200 on the first attempt. */
  acceptedAtOnce: number;
  /** Answered 200 in the end, after zero or more 429s. */
  accepted: number;
  /** 429 answers, each followed by a retry. */
  limited: number;
  /** 429 answers without a usable Retry-After (whole seconds). */
  limitedWithoutRetryAfter: number;
  /** Deliveries given up: an answer other than 200 or 429, or too many attempts. */
  givenUp: number;
  /** Answers other than 200 and 429, by status. */
  otherStatuses: Map<number, number>;
  mostAttempts: number;
}

/** Retry-After as delta-seconds (RFC 9110 §10.2.3); null when absent or not whole seconds. */
const retryAfterSeconds = (header: string | null) => (header !== null && /^\d+$/.test(header) ? Number(header) : null);

/**
 * Sends every delivery at once (at most `concurrency` in flight), as a webhook sender that honours Retry-After does:
 * a 429 is retried after the seconds it names (a second when it names none, counted), until answered 200.
 */
export async function sendHonouringRetryAfter(
  url: string,
  deliveries: readonly Delivery[],
  options: { concurrency: number; maxAttempts: number; wait?: (ms: number) => Promise<unknown> },
): Promise<RetryingLoad> {
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  const load: RetryingLoad = {
    deliveries: deliveries.length,
    acceptedAtOnce: 0,
    accepted: 0,
    limited: 0,
    limitedWithoutRetryAfter: 0,
    givenUp: 0,
    otherStatuses: new Map(),
    mostAttempts: 0,
  };
  const deliver = async ({ body, headers }: Delivery) => {
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      load.mostAttempts = Math.max(load.mostAttempts, attempt);
      const answer = await fetch(url, { method: 'POST', headers, body });
      await answer.arrayBuffer();
      if (answer.status === 200) {
        load.accepted++;
        if (attempt === 1) load.acceptedAtOnce++;
        return;
      }
      if (answer.status !== 429) {
        load.otherStatuses.set(answer.status, (load.otherStatuses.get(answer.status) ?? 0) + 1);
        break;
      }
      load.limited++;
      const seconds = retryAfterSeconds(answer.headers.get('retry-after'));
      if (seconds === null) load.limitedWithoutRetryAfter++;
      await wait((seconds ?? 1) * 1000);
    }
    load.givenUp++;
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, deliveries.length) }, async () => {
      while (next < deliveries.length) await deliver(deliveries[next++]!);
    }),
  );
  return load;
}

const CONCURRENCY = 100;

/**
 * A burst at one connection several times its webhook limit: what is refused (429 with Retry-After), and whether a
 * sender that waits as told gets every delivery stored in the end.
 */
export const webhookRateLimit: Benchmark = {
  name: 'webhook-rate-limit',
  defaultWorkers: 0,
  async run(env): Promise<BenchResult> {
    const limit = serverDefaults.webhookRateLimit;
    const count = env.quick ? 2 * limit.burst : 5 * limit.burst;
    const stack = await startBenchStack(env, {
      timeScale: 1,
      zuperPlanPerMinute: 500,
      workers: 0,
      intake: true,
      database: 'postgres',
    });
    try {
      const { connectionId, realmId } = await seedConnection(stack.ctx, stack.emulators, {
        connectionId: 'burst',
        master: 'qbo',
        zuperWebhooks: false,
      });
      const deliveries = Array.from({ length: count }, (_, i) => invoiceDelivery(realmId, i, BENCH_QBO_VERIFIER));
      env.log(`webhook-rate-limit: ${count} deliveries at once to one connection, ${CONCURRENCY} in flight`);
      const started = performance.now();
      const load = await sendHonouringRetryAfter(`${stack.intakeUrl!}/webhooks/qbo`, deliveries, {
        concurrency: CONCURRENCY,
        maxAttempts: 1000,
      });
      const elapsedMs = performance.now() - started;
      const [stored] = await stack.ctx.store.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM webhook_deliveries WHERE source = 'qbo' AND connection_id = $1",
        [connectionId],
      );
      const eventuallyStored = stored?.n ?? 0;
      const others = [...load.otherStatuses].map(([status, n]) => `${status}×${n}`).join(', ') || 'none';
      return {
        name: 'webhook-rate-limit',
        description: `A burst of ${count} QBO deliveries at one connection (limit ${limit.perSecond}/s, burst ${limit.burst}), sent again after each 429's Retry-After`,
        figures: [
          figure('deliveries', 'deliveries sent', load.deliveries),
          figure('acceptedAtOnce', 'accepted on their first attempt', load.acceptedAtOnce),
          figure('limited', 'answered 429 (all attempts)', load.limited),
          figure('limitedWithoutRetryAfter', '429s without Retry-After', load.limitedWithoutRetryAfter, '', exactly(0)),
          figure('accepted', 'accepted in the end', load.accepted, '', exactly(count)),
          figure('eventuallyStored', 'stored in the intake outbox', eventuallyStored, '', exactly(count)),
          figure('lost', 'lost (sent, never stored)', count - eventuallyStored, '', exactly(0)),
          figure('mostAttempts', 'most attempts for one delivery', load.mostAttempts),
          figure(
            'acceptedPerSecondAfterBurst',
            `accepted per second beyond the burst (the limit sustains ${limit.perSecond}/s)`,
            Math.max(0, load.accepted - limit.burst) / (elapsedMs / 1000),
            '/s',
          ),
        ],
        notes: [
          `All ${count} deliveries were answered in ${(elapsedMs / 1000).toFixed(1)} s; answers other than 200 and 429: ${others}; given up: ${load.givenUp}.`,
          `Each delivery is one signed CloudEvents Invoice event with its own id; the sender keeps ${CONCURRENCY} in flight and waits exactly the Retry-After of each 429 before sending the same bytes again.`,
          'The intake runs with PostgreSQL as deployed (the budget is shared by every replica); beyond the burst, deliveries are accepted at about the sustained rate.',
        ],
      };
    } finally {
      await stack.stop();
    }
  },
};
