import { startLinkRun } from '../client/runs.js';
import { seedConnection } from '../harness/connection.js';
import { QBO_BATCHES_PER_MINUTE, QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';
import { connectionIdFor, type Benchmark } from './support/benchmark.js';
import {
  CATALOG_ZUPER_PLAN,
  catalogReadMinimum,
  catalogRunFigures,
  phasesFloorMs,
  measureWorkerRun,
  requestSpan,
  startCatalogStack,
  workerHeapGrowthNote,
} from './support/catalog-run.js';
import { exactly, figure, type BenchResult } from './support/report.js';
import { callBreakdown } from './support/request-tally.js';

/**
 * The dry run of the initial linking over two unlinked catalogs of the same items (names match one to one): the plan
 * reads both catalogs, matches them and stores the report, writing nothing. `--size` overrides the catalog size.
 */
export const linkDryRun: Benchmark = {
  name: 'link-dry-run',
  defaultWorkers: 1,
  async run(env): Promise<BenchResult> {
    const size = env.size ?? (env.quick ? 10_000 : 100_000);
    const stack = await startCatalogStack(env);
    try {
      const connection = await seedConnection(stack.ctx, stack.emulators, {
        connectionId: connectionIdFor(env, 'link-dry'),
        master: 'qbo',
        zuperWebhooks: false,
      });
      env.log(`link-dry-run: seeding ${size} QBO items and ${size} Zuper products`);
      stack.emulators.qbo.admin.seedItems(connection.realmId, { count: size, namePrefix: 'Part', qtyOnHand: 50 });
      stack.emulators.zuper.admin.generateProducts(connection.zuperCompany, {
        count: size,
        product_type: 'PRODUCT',
        name_prefix: 'Part',
        quantity_per_location: 50,
        location_uids: [connection.locations.main],
      });

      env.log(`link-dry-run: planning the linking of ${size} items`);
      const target = { client: stack.ctx.temporal, taskQueue: stack.taskQueue };
      const run = await measureWorkerRun(stack, async () =>
        (await startLinkRun(target, connection.connectionId, true)).result(),
      );
      const { result, qboCalls, zuperCalls } = run;
      const read = catalogReadMinimum(size);
      return {
        name: 'link-dry-run',
        description: `Dry run of the initial linking over ${size} QBO items and ${size} Zuper products of the same names, real API limits (timeScale 1)`,
        figures: [
          figure('catalogSize', 'items in each catalog', size),
          figure('wouldLink', 'items the plan would link', result.summary.link, '', exactly(size)),
          ...catalogRunFigures(run, size, { calls: read.qboRequests + read.zuper, floorMs: phasesFloorMs([read]) }),
        ],
        notes: [
          `Seeding (not measured): ${size} QBO inventory items "Part n" and ${size} tracked Zuper products "Part n" at Main Warehouse, nothing linked; QBO is the master.`,
          `Minimum calls = QBO: 1 request counting the items with the first page of 1000, then the other pages 30 to a batch request = ${read.qboRequests}; Zuper: ceil(N/100) list pages + 1 category list = ${read.zuper}. Floor = the busiest published limit for them: QBO ${QBO_REQUESTS_PER_MINUTE} requests/min and ${QBO_BATCHES_PER_MINUTE} batch requests/min, Zuper plan ${CATALOG_ZUPER_PLAN}/min.`,
          `Memory: the worker runs alone in a child process (PostgreSQL store); its RSS is read from /proc every 100 ms while the plan is made. The catalogs are read a page at a time; the plan (every action with its copy source) is stored one row per action beside its report. ${workerHeapGrowthNote()}`,
          `Timeline (s after start, from the emulators' request logs): QBO requests ${requestSpan(run.startedAt, qboCalls)}, Zuper requests ${requestSpan(run.startedAt, zuperCalls)}; the plan was stored and the run finished at ${(run.wallMs / 1000).toFixed(1)}.`,
          `QBO calls: ${callBreakdown(qboCalls)}`,
          `Zuper calls: ${callBreakdown(zuperCalls)}`,
        ],
      };
    } finally {
      await stack.stop();
    }
  },
};
