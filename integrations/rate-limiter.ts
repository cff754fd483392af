import type { BucketSpec } from '../storage/repositories/rate-buckets.js';
import type { Store } from './store.js';

/** Per-company API budgets shared by every worker through the database (docs/product.md, "Same code, any scale"). */
export interface ApiBudgets {
  qboRequestsPerMinute: number;
  qboBatchesPerMinute: number;
  zuperRequestsPerMinute: number;
  /**
   * How long the APIs' minute lasts in real time: 60 s, shorter only against emulators whose clock runs faster. The
   * budgets are per such minute, and so is the burst.
   */
  apiMinuteMs?: number;
}

export const defaultBudgets: ApiBudgets = {
  // A little under Intuit's 500/min and 40 batches/min per realm, leaving room for the clock skew between workers.
  qboRequestsPerMinute: 480,
  qboBatchesPerMinute: 38,
  // Zuper plans allow 200 to 700 per minute; the lowest plan unless configured otherwise.
  zuperRequestsPerMinute: 200,
};

const bucket = (perMinute: number, minuteMs: number): BucketSpec => {
  // A burst of two seconds' worth keeps latency low; the refill leaves room for it, so no rolling minute that starts
  // with a full bucket admits more than the budget. A long run therefore gets the budget less the burst per minute:
  // a bigger burst would slow a bulk run (an initial sync) by as much (docs/initial-sync.md).
  const capacity = Math.max(1, Math.floor(perMinute / 30));
  return { capacity, refillPerSecond: (perMinute - capacity) / (minuteMs / 1000) };
};

/**
 * Longest an activity sleeps towards its reserved slot: well inside the API activities' 30 s timeout, so a reserved
 * slot is never wasted by a timed-out attempt. Beyond it, the attempt gives up its worker slot and Temporal retries
 * it when the budget has room.
 */
export const MAX_RESERVATION_MS = 15_000;

/** The company's API budget is spoken for further ahead than an activity may wait; retried after `retryAfterMs`. */
export class ApiBudgetExhaustedError extends Error {
  override readonly name = 'ApiBudgetExhaustedError';
  readonly retryable = true;
  readonly kind = 'budget';
  readonly explanation: string;
  readonly fix = 'Nothing to do: the call is retried automatically when the budget allows.';
  constructor(
    readonly key: string,
    readonly retryAfterMs: number,
  ) {
    super(`API budget ${key} is spoken for the next ${retryAfterMs} ms`);
    this.explanation = `The shared API budget (${key}) is used up for the next ${Math.ceil(retryAfterMs / 1000)} s.`;
  }
}

export function createRateLimiter(store: Store, budgets: ApiBudgets) {
  const acquire = async (key: string, spec: BucketSpec) => {
    const slot = await store.rateBuckets.take(key, spec, MAX_RESERVATION_MS);
    if (!slot.reserved) throw new ApiBudgetExhaustedError(key, slot.retryAfterMs);
    // The slot is reserved for this call alone, so sleeping until it comes is all there is to do.
    if (slot.waitMs > 0) await new Promise((r) => setTimeout(r, slot.waitMs));
  };
  const minuteMs = budgets.apiMinuteMs ?? 60_000;
  return {
    qbo: (realmId: string, kind: 'request' | 'batch') =>
      kind === 'batch'
        ? Promise.all([
            acquire(`qbo:${realmId}:batch`, bucket(budgets.qboBatchesPerMinute, minuteMs)),
            acquire(`qbo:${realmId}`, bucket(budgets.qboRequestsPerMinute, minuteMs)),
          ]).then(() => undefined)
        : acquire(`qbo:${realmId}`, bucket(budgets.qboRequestsPerMinute, minuteMs)),
    zuper: (company: string) => acquire(`zuper:${company}`, bucket(budgets.zuperRequestsPerMinute, minuteMs)),
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
