import type { BucketSpec } from '../storage/repositories/rate-buckets.js';
import type { Store } from '../storage/index.js';

/** Per-company API budgets shared by every worker through the database (see PRODUCT.md "Same code, any scale"). */
export interface ApiBudgets {
  qboRequestsPerMinute: number;
  qboBatchesPerMinute: number;
  zuperRequestsPerMinute: number;
}

export const defaultBudgets: ApiBudgets = {
  // A little under Intuit's 500/min and 40 batches/min per realm, leaving room for the clock skew between workers.
  qboRequestsPerMinute: 480,
  qboBatchesPerMinute: 38,
  // Zuper plans allow 200 to 700 per minute; the lowest plan unless configured otherwise.
  zuperRequestsPerMinute: 200,
};

const bucket = (perMinute: number): BucketSpec => {
  // A burst of a few seconds' worth keeps latency low; the refill leaves room for it, so no rolling minute that
  // starts with a full bucket admits more than the budget.
  const capacity = Math.max(1, Math.floor(perMinute / 12));
  return { capacity, refillPerSecond: (perMinute - capacity) / 60 };
};

export function createRateLimiter(store: Store, budgets: ApiBudgets) {
  const acquire = async (key: string, spec: BucketSpec) => {
    // The slot is reserved for this call alone, so sleeping until it comes is all there is to do.
    const waitMs = await store.rateBuckets.take(key, spec);
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  };
  return {
    qbo: (realmId: string, kind: 'request' | 'batch') =>
      kind === 'batch'
        ? Promise.all([
            acquire(`qbo:${realmId}:batch`, bucket(budgets.qboBatchesPerMinute)),
            acquire(`qbo:${realmId}`, bucket(budgets.qboRequestsPerMinute)),
          ]).then(() => undefined)
        : acquire(`qbo:${realmId}`, bucket(budgets.qboRequestsPerMinute)),
    zuper: (company: string) => acquire(`zuper:${company}`, bucket(budgets.zuperRequestsPerMinute)),
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
