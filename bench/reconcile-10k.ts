import type { RequestLogEntry } from '../emulators/common/admin.js';
import { reconcileWorkflow } from '../workflows/reconcile.js';
import { connectionIdFor, type Benchmark } from './support/benchmark.js';
import { seedLinkedPairs, type LinkedPair } from './support/linked-pairs.js';
import { qboQty, zuperQty } from './support/catalog.js';
import { consumeInZuper, sellInQbo } from '../harness/sales.js';
import { seedConnection, type BenchConnection } from '../harness/connection.js';
import { QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';
import { figure, atMost, below, exactly, type BenchResult } from './support/report.js';
import { callBreakdown, RequestTally, throttled } from './support/request-tally.js';
import { processMemory, sampleRss } from './support/rss.js';
import { startBenchStack, type BenchStack } from './support/stack.js';

const ZUPER_PLAN = 500;
const START_QTY = 50;
const QBO_PAGE = 1000;
/** The service's Zuper page size: Zuper's maximum is unconfirmed, 100 is known to work. */
const ZUPER_PAGE = 100;

/** 1 % of the pairs drift: every even one in QBO (a sale), every odd one in Zuper (an invoice); no webhooks are set up. */
async function injectDrift(stack: BenchStack, connection: BenchConnection, pairs: LinkedPair[]) {
  const step = 100;
  const drifted = pairs.filter((_, i) => i % step === step / 2);
  const inQbo = drifted.filter((_, i) => i % 2 === 0);
  const inZuper = drifted.filter((_, i) => i % 2 === 1);
  for (const [i, p] of inQbo.entries()) sellInQbo(stack.emulators, connection.realmId, p.qboItemId, 1 + (i % 5));
  for (const [i, p] of inZuper.entries()) await consumeInZuper(connection, p.zuperUid, 1 + (i % 5));
  return { drifted, inQbo: inQbo.length, inZuper: inZuper.length };
}

/** When the catalog reads and the writes ran, relative to the start of the reconciliation. */
function phases(startedAt: number, qboCalls: RequestLogEntry[], zuperCalls: RequestLogEntry[]): string {
  const span = (entries: RequestLogEntry[]) => {
    if (entries.length === 0) return 'none';
    const times = entries.map((e) => (Date.parse(e.at) - startedAt) / 1000);
    return `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}`;
  };
  const reads = (entries: RequestLogEntry[]) => entries.filter((e) => e.method === 'GET');
  const writes = (entries: RequestLogEntry[]) => entries.filter((e) => e.method !== 'GET');
  return `QBO reads ${span(reads(qboCalls))}, Zuper reads ${span(reads(zuperCalls))}, QBO writes ${span(writes(qboCalls))}, Zuper writes ${span(writes(zuperCalls))}`;
}

/** One reconciliation over a big linked catalog with 1 % drift: API calls, wall time and the worker's memory. */
export const reconcile10k: Benchmark = {
  name: 'reconcile-10k',
  defaultWorkers: 1,
  async run(env): Promise<BenchResult> {
    const size = env.quick ? 1000 : 10_000;
    const stack = await startBenchStack(env, {
      timeScale: 1,
      zuperPlanPerMinute: ZUPER_PLAN,
      workers: env.workers ?? 1,
      intake: false,
      database: 'postgres',
    });
    try {
      stack.emulators.setRateLimits(false);
      const connection = await seedConnection(stack.ctx, stack.emulators, {
        connectionId: connectionIdFor(env, 'rec'),
        master: 'qbo',
        zuperWebhooks: false,
      });
      env.log(`reconcile: seeding and linking ${size} pairs`);
      const pairs = await seedLinkedPairs(stack, connection, size, START_QTY);
      const drift = await injectDrift(stack, connection, pairs);
      stack.emulators.setRateLimits(true);

      const worker = stack.workers[0]!;
      const qboLog = new RequestTally(stack.emulators.qbo.admin).start();
      const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
      const rss = sampleRss(worker.pid, 100);
      env.log(`reconcile: reconciling ${size} linked items with ${drift.drifted.length} drifted`);
      const started = performance.now();
      const startedAt = Date.now();
      const report = await stack.ctx.temporal.workflow.execute(reconcileWorkflow, {
        workflowId: `reconcile:${connection.connectionId}:bench`,
        taskQueue: stack.taskQueue,
        args: [{ connectionId: connection.connectionId }],
      });
      const wallMs = performance.now() - started;
      const peakRssMb = rss.stop();
      const lifetimePeakMb = processMemory(worker.pid)?.peakMb ?? Number.NaN;
      const qboCalls = qboLog.stop();
      const zuperCalls = zuperLog.stop();

      const stillUnequal = drift.drifted.filter(
        (p) =>
          qboQty(stack.emulators, connection.realmId, p.qboItemId) !==
          zuperQty(stack.emulators, connection.zuperCompany, p.zuperUid),
      ).length;
      // Minimum: whole-catalog reads in the largest pages, the one list each write needs, one write per drifted item.
      const qboPages = Math.floor(size / QBO_PAGE) + 1;
      const zuperPages = Math.ceil(size / ZUPER_PAGE);
      const qboMinimum = qboPages + (drift.inZuper > 0 ? 1 : 0) + drift.inZuper;
      const zuperMinimum = zuperPages + 1 + drift.inQbo;
      const floorMinutes = (calls: number) => calls / QBO_REQUESTS_PER_MINUTE;
      const floorMs = Math.max(floorMinutes(qboCalls.length), zuperCalls.length / ZUPER_PLAN) * 60_000;
      const minimumFloorMs = Math.max(floorMinutes(qboMinimum), zuperMinimum / ZUPER_PLAN) * 60_000;
      return {
        name: 'reconcile-10k',
        description: `One reconcileWorkflow over ${size} linked inventory items with ${drift.drifted.length} drifted (1 %), real API limits (timeScale 1)`,
        figures: [
          figure('catalogSize', 'linked items in the catalog', size),
          figure('checked', 'items checked (drift report)', report.checked, '', exactly(size)),
          figure('corrected', 'drifted items corrected', report.corrected, '', exactly(drift.drifted.length)),
          figure('stillUnequal', 'drifted items still unequal after the run', stillUnequal, '', exactly(0)),
          figure('qboCalls', 'QBO API calls', qboCalls.length),
          figure('zuperCalls', 'Zuper API calls', zuperCalls.length),
          figure('minimumCalls', 'minimum calls (formula below)', qboMinimum + zuperMinimum),
          figure(
            'callsRatio',
            'API calls ÷ minimum',
            (qboCalls.length + zuperCalls.length) / (qboMinimum + zuperMinimum),
            '×',
            atMost(1.2),
          ),
          figure('wallSeconds', 'wall time', wallMs / 1000, 's'),
          figure('floorSeconds', 'rate-limit floor for those calls', floorMs / 1000, 's'),
          figure('wallRatio', 'wall time ÷ floor', wallMs / floorMs, '×', atMost(1.2)),
          figure(
            'peakRssMb',
            `worker${stack.workers.length > 1 ? ' 1 of ' + stack.workers.length : ''} peak RSS during the run`,
            peakRssMb,
            'MB',
            below(500),
          ),
          figure('lifetimePeakRssMb', 'worker lifetime peak RSS (incl. start-up bundling)', lifetimePeakMb, 'MB'),
          figure('throttled', 'API answers 429', throttled(qboCalls).length + throttled(zuperCalls).length),
        ],
        notes: [
          `Seeding (not measured): ${size} QBO items and ${size} Zuper products (PRODUCT, tracked, at Main Warehouse) with quantity ${START_QTY}, linked through the store's links repository with that base and the master's definition fingerprint; drift injected with the rate limits off and no webhooks registered: ${drift.inQbo} QBO sales and ${drift.inZuper} Zuper invoices of 1-5 units.`,
          `Minimum calls = QBO: floor(N/${QBO_PAGE})+1 query pages (a pager stops on a short page) = ${qboPages}, + 1 account list for the adjustments, + 1 InventoryAdjustment per Zuper-side drift (${drift.inZuper}) = ${qboMinimum}; Zuper: ceil(N/${ZUPER_PAGE}) list pages = ${zuperPages}, + 1 category list, + 1 stock movement per QBO-side drift (${drift.inQbo}) = ${zuperMinimum}.`,
          `Floor = max(QBO calls ÷ ${QBO_REQUESTS_PER_MINUTE}/min, Zuper calls ÷ ${ZUPER_PLAN}/min) for the calls actually made (both APIs usable in parallel); for the minimum calls it is ${(minimumFloorMs / 1000).toFixed(1)} s. Service budgets: QBO ${stack.budgets.qboRequestsPerMinute}/min, Zuper ${stack.budgets.zuperRequestsPerMinute}/min.`,
          `Memory: the worker runs alone in a child process (PostgreSQL store); its RSS is read from /proc every 100 ms while the reconciliation runs. The lifetime peak (VmHWM) includes bundling the workflow code at start-up.`,
          `Phases (s after start, from the emulators' request logs): ${phases(startedAt, qboCalls, zuperCalls)}.`,
          `QBO calls: ${callBreakdown(qboCalls)}`,
          `Zuper calls: ${callBreakdown(zuperCalls)}`,
        ],
      };
    } finally {
      await stack.stop();
    }
  },
};
