import type { RequestLogEntry } from '../emulators/common/admin.js';
import { reconcileWorkflow } from '../workflows/reconcile.js';
import { connectionIdFor, type Benchmark, type BenchEnvironment } from './support/benchmark.js';
import { seedLinkedPairs, type LinkedPair } from './support/linked-pairs.js';
import { qboQty, zuperQty } from './support/catalog.js';
import { consumeInZuper, sellInQbo } from '../harness/sales.js';
import { seedConnection, type BenchConnection } from '../harness/connection.js';
import { QBO_BATCHES_PER_MINUTE, QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';
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
import type { BenchStack } from './support/stack.js';

const START_QTY = 50;

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
  const span = (entries: RequestLogEntry[]) => requestSpan(startedAt, entries);
  const reads = (entries: RequestLogEntry[]) => entries.filter((e) => e.method === 'GET');
  const writes = (entries: RequestLogEntry[]) => entries.filter((e) => e.method !== 'GET');
  return `QBO reads ${span(reads(qboCalls))}, Zuper reads ${span(reads(zuperCalls))}, QBO writes ${span(writes(qboCalls))}, Zuper writes ${span(writes(zuperCalls))}`;
}

/**
 * One reconciliation over a big linked catalog with 1 % drift: API calls, wall time, the worker's memory and the
 * database's size. `--size` overrides the catalog size.
 */
function reconcileBenchmark(name: string, sizes: { full: number; quick: number }): Benchmark {
  return {
    name,
    defaultWorkers: 1,
    run: (env) => runReconcile(env, name, env.size ?? (env.quick ? sizes.quick : sizes.full)),
  };
}

export const reconcile10k = reconcileBenchmark('reconcile-10k', { full: 10_000, quick: 1000 });
/** Issue 17's "big company". */
export const reconcile100k = reconcileBenchmark('reconcile-100k', { full: 100_000, quick: 10_000 });

async function runReconcile(env: BenchEnvironment, name: string, size: number): Promise<BenchResult> {
  const stack = await startCatalogStack(env);
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

    env.log(`reconcile: reconciling ${size} linked items with ${drift.drifted.length} drifted`);
    const run = await measureWorkerRun(stack, () =>
      stack.ctx.temporal.workflow.execute(reconcileWorkflow, {
        workflowId: `reconcile:${connection.connectionId}:bench`,
        taskQueue: stack.taskQueue,
        args: [{ connectionId: connection.connectionId }],
      }),
    );
    const { result: report, qboCalls, zuperCalls } = run;

    const stillUnequal = drift.drifted.filter(
      (p) =>
        qboQty(stack.emulators, connection.realmId, p.qboItemId) !==
        zuperQty(stack.emulators, connection.zuperCompany, p.zuperUid),
    ).length;
    // Minimum: whole-catalog reads in the largest pages (QBO's 30 to a batch request), then the one list each
    // write needs and one write per drifted item.
    const read = catalogReadMinimum(size);
    const qboWrites = (drift.inZuper > 0 ? 1 : 0) + drift.inZuper;
    const write = { qboRequests: qboWrites, qboBatches: 0, zuper: drift.inQbo };
    const qboMinimum = read.qboRequests + write.qboRequests;
    const zuperMinimum = read.zuper + write.zuper;
    const floorMs = phasesFloorMs([read, write]);
    return {
      name,
      description: `One reconcileWorkflow over ${size} linked inventory items with ${drift.drifted.length} drifted (1 %), real API limits (timeScale 1)`,
      figures: [
        figure('catalogSize', 'linked items in the catalog', size),
        figure('checked', 'items checked (drift report)', report.checked, '', exactly(size)),
        figure('corrected', 'drifted items corrected', report.corrected, '', exactly(drift.drifted.length)),
        figure('stillUnequal', 'drifted items still unequal after the run', stillUnequal, '', exactly(0)),
        ...catalogRunFigures(run, size, { calls: qboMinimum + zuperMinimum, floorMs }),
      ],
      notes: [
        `Seeding (not measured): ${size} QBO items and ${size} Zuper products (PRODUCT, tracked, at Main Warehouse) with quantity ${START_QTY}, linked through the store's links repository with that base and the master's definition fingerprint; drift injected with the rate limits off and no webhooks registered: ${drift.inQbo} QBO sales and ${drift.inZuper} Zuper invoices of 1-5 units.`,
        `Minimum calls = QBO: 1 request counting the items with the first page of 1000, then the other ceil(N/1000)-1 pages 30 to a batch request = ${read.qboRequests}, + 1 account list for the adjustments, + 1 InventoryAdjustment per Zuper-side drift (${drift.inZuper}) = ${qboMinimum}; Zuper: ceil(N/100) list pages + 1 category list = ${read.zuper}, + 1 stock movement per QBO-side drift (${drift.inQbo}; the read's category list serves them) = ${zuperMinimum}.`,
        `Floor = the read phase, then the write phase (settling needs the scan), each at the busiest published limit: QBO ${QBO_REQUESTS_PER_MINUTE} requests/min and ${QBO_BATCHES_PER_MINUTE} batch requests/min, Zuper plan ${CATALOG_ZUPER_PLAN}/min (both APIs usable in parallel). Service budgets: QBO ${stack.budgets.qboRequestsPerMinute}/min, Zuper ${stack.budgets.zuperRequestsPerMinute}/min.`,
        `Memory: the worker runs alone in a child process (PostgreSQL store); its RSS is read from /proc every 100 ms while the reconciliation runs. The lifetime peak (VmHWM) includes bundling the workflow code at start-up. ${workerHeapGrowthNote()}`,
        `Phases (s after start, from the emulators' request logs): ${phases(run.startedAt, qboCalls, zuperCalls)}.`,
        `QBO calls: ${callBreakdown(qboCalls)}`,
        `Zuper calls: ${callBreakdown(zuperCalls)}`,
      ],
    };
  } finally {
    await stack.stop();
  }
}
