import { quietMeteredReads } from '../domain/metered-reads.js';
import { seedConnection } from '../harness/connection.js';
import { qboWholeCatalogEveryMs } from '../integrations/qbo/catalog-cadence.js';
import { qboMaxPageSize } from '../integrations/qbo/query-builder.js';
import { connectionIdFor, type Benchmark } from './support/benchmark.js';
import { seedLinkedPairs } from './support/linked-pairs.js';
import { dayMs, simulateMeteredReads } from './support/metered-reads-simulation.js';
import { atMost, exactly, figure, type BenchResult } from './support/report.js';
import { startBenchStack } from './support/stack.js';

/** A typical company (issue 17): its catalog and its Zuper consumptions a day. */
const ITEMS = 5000;
const CONSUMPTIONS_PER_DAY = 200;
const monthMs = 30 * dayMs;

/**
 * Metered QuickBooks reads per connection-month at the default settings: the change watch, the reconciliation
 * schedule and the writes of Zuper consumptions, run over a simulated period against the emulators and counted where
 * QuickBooks would meter them, then scaled to 30 days.
 */
export const meteredReads: Benchmark = {
  name: 'metered-reads',
  defaultWorkers: 0,
  async run(env): Promise<BenchResult> {
    const days = env.quick ? 1 : 3;
    const stack = await startBenchStack(env, {
      timeScale: 1,
      zuperPlanPerMinute: 60_000,
      workers: 0,
      intake: false,
      database: 'pglite',
    });
    try {
      stack.emulators.setRateLimits(false);
      const connection = await seedConnection(stack.ctx, stack.emulators, {
        connectionId: connectionIdFor(env, 'metered'),
        master: 'qbo',
        zuperWebhooks: false,
      });
      env.log(`metered-reads: seeding and linking ${ITEMS} pairs`);
      const pairs = await seedLinkedPairs(stack, connection, ITEMS, 50);
      env.log(`metered-reads: simulating ${days} day(s)`);
      const tally = await simulateMeteredReads({
        deps: stack.ctx.activityDeps,
        connectionId: connection.connectionId,
        qbo: stack.emulators.qbo.admin,
        realmId: connection.realmId,
        qboItemIds: pairs.map((p) => p.qboItemId),
        periodMs: days * dayMs,
        consumptionsPerDay: CONSUMPTIONS_PER_DAY,
      });
      const perMonth = (tally.reads * monthMs) / (days * dayMs);
      const derived = quietMeteredReads(days * dayMs, {
        items: ITEMS,
        pageSize: qboMaxPageSize,
        wholeReadEveryMs: qboWholeCatalogEveryMs,
      });
      return {
        name: 'metered-reads',
        description: `A typical company (${ITEMS} linked items, ${CONSUMPTIONS_PER_DAY} Zuper consumptions a day) at the default settings over ${days} simulated day(s)`,
        figures: [
          figure(
            'simulatedReads',
            `metered QuickBooks reads in ${days} simulated day(s)`,
            tally.reads,
            '',
            exactly(derived),
          ),
          figure(
            'meteredReadsPerConnectionMonth',
            'metered QuickBooks reads per connection-month, typical company',
            perMonth,
            '',
            atMost(10_000),
          ),
          figure('companiesPerApp', 'such companies within the Builder tier (500,000 a month)', 500_000 / perMonth),
        ],
        notes: [
          `Each step runs the real activity against the emulators; only the clock between steps is simulated: the change watch polled ${tally.watchPolls} times at the default pacing, the schedule ran ${tally.reconciliations} reconciliation scans at its default interval, ${tally.qboCatalogReads} of them reading the QuickBooks catalog (a count and ${Math.ceil(ITEMS / qboMaxPageSize)} pages), and ${CONSUMPTIONS_PER_DAY} Zuper consumptions a day wrote the sync's own adjustments (their settles read Zuper only).`,
          `Counted as QuickBooks meters: every answered GET and every query in a batch. Per month = reads × 30 days ÷ the simulated period. Before change data capture (ADR 0010) the same company spent 74,880 a month.`,
        ],
      };
    } finally {
      await stack.stop();
    }
  },
};
