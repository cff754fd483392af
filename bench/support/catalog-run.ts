import type { RequestLogEntry } from '../../emulators/common/admin.js';
import { envSchema } from '../../config/env.js';
import type { BenchEnvironment } from './benchmark.js';
import { phaseMinutes, qboCatalogRequests, zuperCatalogRequests, type MinimumCalls } from './initial-sync-minimum.js';
import { atMost, below, figure, type Figure } from './report.js';
import { RequestTally, throttled } from './request-tally.js';
import { processCpuSeconds, processMemory, sampleRss } from './rss.js';
import { startBenchStack, type BenchStack } from './stack.js';

/** The Zuper plan the whole-catalog benchmarks run against (its requests a minute). */
export const CATALOG_ZUPER_PLAN = 500;

/** The service as deployed (one worker process unless told otherwise, PostgreSQL) at the real API limits. */
export const startCatalogStack = (env: BenchEnvironment): Promise<BenchStack> =>
  startBenchStack(env, {
    timeScale: 1,
    zuperPlanPerMinute: CATALOG_ZUPER_PLAN,
    workers: env.workers ?? 1,
    intake: false,
    database: 'postgres',
  });

/**
 * The heap growth the worker children run with, for the memory note: they take WORKER_HEAP_GROWING_PERCENT from this
 * process's environment (worker/heap-growth.ts).
 */
export function workerHeapGrowthNote(): string {
  const percent = envSchema.shape.WORKER_HEAP_GROWING_PERCENT.parse(
    process.env.WORKER_HEAP_GROWING_PERCENT || undefined,
  );
  const factor =
    percent === 0
      ? "V8's own factor"
      : `the next limit ${Number((1 + percent / 100).toFixed(2))}× what a full collection kept`;
  return `The worker's heap grows with WORKER_HEAP_GROWING_PERCENT=${percent} (${factor}).`;
}

/** Reading both whole catalogs of `size` items each with the fewest requests their APIs allow. */
export const catalogReadMinimum = (size: number): MinimumCalls => ({
  qboRequests: qboCatalogRequests(size),
  qboBatches: qboCatalogRequests(size),
  zuper: zuperCatalogRequests(size),
});

/** Milliseconds the phases take at least, one after the other, at the published limits. */
export const phasesFloorMs = (phases: MinimumCalls[]) =>
  phases.reduce((sum, calls) => sum + phaseMinutes(calls, CATALOG_ZUPER_PLAN), 0) * 60_000;

export interface WorkerRun<T> {
  result: T;
  /** When `work` started (epoch ms), so the emulators' request times can be placed in the run. */
  startedAt: number;
  wallMs: number;
  /** The first worker's largest RSS while `work` ran, and its lifetime high-water mark, in MB. */
  peakRssMb: number;
  lifetimePeakMb: number;
  /** CPU seconds the first worker used while `work` ran: what its garbage collection costs shows here, not in RSS. */
  workerCpuSeconds: number;
  qboCalls: RequestLogEntry[];
  zuperCalls: RequestLogEntry[];
  /** The store's size on disk afterwards; NaN with PGlite. */
  databaseMb: number;
}

/** Runs `work` while counting both APIs' calls and sampling the first worker's RSS every 100 ms. */
export async function measureWorkerRun<T>(stack: BenchStack, work: () => Promise<T>): Promise<WorkerRun<T>> {
  const worker = stack.workers[0]!;
  const qboLog = new RequestTally(stack.emulators.qbo.admin).start();
  const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
  const rss = sampleRss(worker.pid, 100);
  const cpuBefore = processCpuSeconds(worker.pid);
  const startedAt = Date.now();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const peakRssMb = rss.stop();
  const workerCpuSeconds = processCpuSeconds(worker.pid) - cpuBefore;
  return {
    result,
    startedAt,
    wallMs,
    peakRssMb,
    lifetimePeakMb: processMemory(worker.pid)?.peakMb ?? Number.NaN,
    workerCpuSeconds,
    qboCalls: qboLog.stop(),
    zuperCalls: zuperLog.stop(),
    databaseMb: stack.database ? await stack.database.sizeMb() : Number.NaN,
  };
}

/** When the requests were made, as seconds after `startedAt` (first–last), from the emulators' request logs. */
export function requestSpan(startedAt: number, entries: readonly RequestLogEntry[]): string {
  if (entries.length === 0) return 'none';
  const times = entries.map((e) => (Date.parse(e.at) - startedAt) / 1000);
  return `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}`;
}

/**
 * Issue 17's figures for a whole-catalog run: calls against the minimum (≤ 1.05×), wall time against the floor
 * (≤ 1.2×), time per item, the worker's peak RSS (< 500 MB) and the database's size.
 */
export function catalogRunFigures(
  run: WorkerRun<unknown>,
  size: number,
  minimum: { calls: number; floorMs: number },
): Figure[] {
  const calls = run.qboCalls.length + run.zuperCalls.length;
  return [
    figure('qboCalls', 'QBO API calls', run.qboCalls.length),
    figure('zuperCalls', 'Zuper API calls', run.zuperCalls.length),
    figure('minimumCalls', 'minimum calls (formula below)', minimum.calls),
    figure('callsRatio', 'API calls ÷ minimum', calls / minimum.calls, '×', atMost(1.05)),
    figure('wallSeconds', 'wall time', run.wallMs / 1000, 's'),
    figure('floorSeconds', 'rate-limit floor for the minimum calls', minimum.floorMs / 1000, 's'),
    figure('wallRatio', 'wall time ÷ floor', run.wallMs / minimum.floorMs, '×', atMost(1.2)),
    figure('msPerItem', 'wall time per item', run.wallMs / size, 'ms'),
    figure('peakRssMb', 'worker peak RSS during the run', run.peakRssMb, 'MB', below(500)),
    figure('lifetimePeakRssMb', 'worker lifetime peak RSS (incl. start-up bundling)', run.lifetimePeakMb, 'MB'),
    figure('workerCpuSeconds', 'worker CPU time during the run (user + system)', run.workerCpuSeconds, 's'),
    figure('workerCpuMsPerItem', 'worker CPU time per item', (run.workerCpuSeconds * 1000) / size, 'ms'),
    figure('databaseMb', 'database size after the run (pg_database_size)', run.databaseMb, 'MB'),
    figure('databaseKbPerItem', 'database size per item', (run.databaseMb * 1024) / size, 'kB'),
    figure('throttled', 'API answers 429', throttled(run.qboCalls).length + throttled(run.zuperCalls).length),
  ];
}
