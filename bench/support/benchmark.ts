import type { BenchResult } from './report.js';

/** What every benchmark gets from the dispatcher. */
export interface BenchEnvironment {
  /** The run's own Temporal: a dev server (in memory, on a free loopback port), or the 2-node cluster (`--cluster`). */
  temporalAddress: string;
  /** Which of the two, in words, for the report. */
  temporalKind: string;
  /** Smaller sizes for a smoke run. */
  quick: boolean;
  /** Catalog size asked for (`--size`); null: the benchmark's own. */
  size: number | null;
  /** Worker processes for this run (`--workers`); null: the benchmark's own `defaultWorkers`. */
  workers: number | null;
  /** Progress lines (stderr), never part of the results. */
  log(line: string): void;
}

/**
 * A connection id of its own for each run of a `--workers` sweep: workflow ids derive from it, and Temporal may still
 * hold workflows of the previous run under the old ids (visibility lags, so a stopping stack cannot find them all).
 */
export const connectionIdFor = (env: BenchEnvironment, name: string): string =>
  env.workers === null ? name : `${name}-w${env.workers}`;

export interface Benchmark {
  name: string;
  /** Worker processes it runs unless told otherwise; 0: it measures the intake alone, and a worker sweep skips it. */
  defaultWorkers: number;
  run(env: BenchEnvironment): Promise<BenchResult>;
}
