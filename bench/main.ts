import { cpus, loadavg } from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { BenchArgsError, parseBenchArgs } from './support/args.js';
import type { Benchmark, BenchEnvironment } from './support/benchmark.js';
import { exactly, figure, formatResult, overall, resultJson, type BenchResult } from './support/report.js';
import { startBenchTemporal } from './support/temporal-server.js';
import { webhookToQuantity } from './webhook-to-quantity.js';
import { reconcile10k, reconcile100k } from './reconcile.js';
import { linkDryRun } from './link-dry-run.js';
import { initialSync5k } from './initial-sync-5k.js';
import { webhookIntake } from './webhook-intake.js';
import { scaleOut } from './scale-out.js';
import { webhookRateLimit } from './webhook-rate-limit.js';
import { meteredReads } from './metered-reads.js';
import { manyCompanies } from './many-companies.js';
import { qbdQuantity } from './qbd-quantity.js';
import { qbdInitialSync } from './qbd-initial-sync.js';

/**
 * `npm run bench [-- --quick] [-- --only <name>] [-- --json]`: the performance figures of issues 6, 8, 9, 17, 20 and 21, each
 * with its target. Never part of `npm test`; everything runs on 127.0.0.1 with a private Temporal dev server.
 */
const benchmarks: Benchmark[] = [
  webhookToQuantity,
  reconcile10k,
  reconcile100k,
  linkDryRun,
  initialSync5k,
  webhookIntake,
  scaleOut,
  webhookRateLimit,
  meteredReads,
  manyCompanies,
  qbdQuantity,
  qbdInitialSync,
];
const names = benchmarks.map((b) => b.name);

const usage = `Usage: npm run bench -- [--quick] [--only <name>[,<name>…]] [--json] [--cluster] [--workers <n>[,<n>…]]
  --quick   smaller sizes for a smoke run
  --cluster on a 2-node Temporal cluster on PostgreSQL (DATABASE_URL's server) instead of the dev server
  --workers run each benchmark that has workers once per count (e.g. 1,2,4); the others run once
  --size    catalog size for the benchmarks that take one (reconcile-10k, reconcile-100k, link-dry-run, qbd-initial-sync; many-companies: items per connection)
  --only    run only these benchmarks: ${names.join(', ')}
  --json    print one JSON object with every figure and target (progress goes to stderr)`;

const startedAt = Date.now();
const log = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function failedResult(name: string, error: unknown): BenchResult {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    name,
    description: 'the benchmark could not complete',
    figures: [figure('completed', 'completed', 0, '', exactly(1))],
    notes: [message],
  };
}

/** Each benchmark once, or with a worker sweep each benchmark that has workers once per count (named `name@Nw`). */
function benchRuns(
  selected: Benchmark[],
  workerCounts: number[] | null,
): { benchmark: Benchmark; workers: number | null }[] {
  return selected.flatMap((benchmark): { benchmark: Benchmark; workers: number | null }[] =>
    workerCounts === null || benchmark.defaultWorkers === 0
      ? [{ benchmark, workers: null }]
      : workerCounts.map((workers) => ({ benchmark, workers })),
  );
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2), names);
  } catch (error) {
    if (!(error instanceof BenchArgsError)) throw error;
    process.stderr.write(`${error.message}\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const selected = args.only ? args.only.map((n) => benchmarks.find((b) => b.name === n)!) : benchmarks;
  // Other work on the machine slows everything measured here; the load average says how busy it was.
  const loadAtStart = loadavg()[0]!;
  const temporalKind = args.cluster ? '2-node cluster on PostgreSQL' : 'dev server (in-memory SQLite)';
  log(`starting a private Temporal ${temporalKind}`);
  const temporal = await startBenchTemporal(log, args.cluster);
  const results: BenchResult[] = [];
  try {
    for (const { benchmark, workers } of benchRuns(selected, args.workers)) {
      const name = workers === null ? benchmark.name : `${benchmark.name}@${workers}w`;
      log(`${name}: starting`);
      const env: BenchEnvironment = {
        temporalAddress: temporal.address,
        temporalKind,
        quick: args.quick,
        size: args.size,
        workers,
        log,
      };
      const result = await benchmark
        .run(env)
        .then((r) => ({ ...r, name }))
        .catch((error: unknown) => failedResult(name, error));
      results.push(result);
      log(`${name}: ${overall(result)}`);
      if (!args.json) process.stdout.write(`\n${formatResult(result)}\n`);
    }
  } finally {
    await temporal.stop();
  }
  const verdict = results.every((r) => overall(r) === 'PASS') ? 'PASS' : 'MISS';
  if (args.json) {
    const report = {
      ranAt: new Date(startedAt).toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt) / 1000),
      quick: args.quick,
      machine: {
        cpus: cpus().length,
        node: process.version,
        platform: process.platform,
        loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0]! },
      },
      verdict,
      benchmarks: Object.fromEntries(results.map((r) => [r.name, resultJson(r)])),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(
      `\nOverall: ${verdict} (${results.length} benchmarks in ${Math.round((Date.now() - startedAt) / 1000)} s${args.quick ? ', --quick sizes' : ''}; ${cpus().length} CPUs, 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end)\n`,
    );
  }
  return 0;
}

process.exitCode = await main();
