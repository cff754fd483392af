import { setFlagsFromString } from 'node:v8';
import type { Env } from '../config/env.js';

/**
 * The V8 flag for WORKER_HEAP_GROWING_PERCENT: after a full collection, the heap's next limit is what survived it
 * times (1 + percent / 100), plus the young generation. V8's own factor follows its collector's speed against the
 * program's and goes up to 4× when collecting is cheap: while a 100,000-item catalog was read, the heap grew by about
 * 170 MB of garbage over what was kept before a major collection came, and the worker's RSS went past 500 MB. A lower
 * factor costs more major collections (docs/big-company.md gives the figures). Null for 0: V8's own factor.
 */
export function heapGrowingFlag(percent: number): string | null {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`heap growing percent ${percent}`);
  return percent === 0 ? null : `--heap-growing-percent=${percent}`;
}

let applied: { flag: string | null } | null = null;

/**
 * Sets this process's heap growing factor from the worker's setting, once: the first call decides, later ones change
 * nothing (the flag is V8's, for the whole process). Call it as soon as the environment is known, before the heap has
 * grown: V8 reads the flag whenever a full collection sets the heap's next limit, so it holds from the next one on.
 * Returns the flag in effect (null: V8's own factor).
 */
export function applyWorkerHeapGrowth(env: Pick<Env, 'WORKER_HEAP_GROWING_PERCENT'>): string | null {
  if (applied) return applied.flag;
  const flag = heapGrowingFlag(env.WORKER_HEAP_GROWING_PERCENT);
  if (flag) setFlagsFromString(flag);
  applied = { flag };
  return flag;
}
