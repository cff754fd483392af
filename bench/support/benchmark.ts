import type { BenchResult } from './report.js';

/** What every benchmark gets from the dispatcher. */
export interface BenchEnvironment {
  /** The run's own Temporal dev server (in memory, on a free loopback port). */
  temporalAddress: string;
  /** Smaller sizes for a smoke run. */
  quick: boolean;
  /** Progress lines (stderr), never part of the results. */
  log(line: string): void;
}

export interface Benchmark {
  name: string;
  run(env: BenchEnvironment): Promise<BenchResult>;
}
