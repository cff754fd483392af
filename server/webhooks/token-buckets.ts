import type { Store } from '../../integrations/store.js';

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed at once after a quiet period. */
  burst: number;
}

/** Seconds until an empty bucket holds one token again (a minute when it never refills, as in tests). */
export const refillSeconds = (limit: RateLimit): number => (limit.perSecond > 0 ? Math.ceil(1 / limit.perSecond) : 60);

export interface TokenBuckets {
  /** Takes one token for `key`; false when its bucket is empty (the caller answers 429). */
  take(key: string): Promise<boolean>;
}

/** In-process token buckets, one per key, refilled continuously at `perSecond` up to `burst`. */
export function createTokenBuckets(limit: RateLimit, now: () => number = () => performance.now()): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const takeNow = (key: string): boolean => {
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
    bucket.at = t;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  return { take: (key) => Promise.resolve(takeNow(key)) };
}

/**
 * The same buckets in the database, so every server replica draws on one budget per connection: a token is taken
 * only when one is there now, never reserved ahead.
 */
export function createSharedTokenBuckets(store: Store, limit: RateLimit): TokenBuckets {
  const spec = { capacity: limit.burst, refillPerSecond: limit.perSecond };
  return {
    async take(key: string): Promise<boolean> {
      const slot = await store.rateBuckets.take(`webhook:${key}`, spec, 0);
      return slot.reserved && slot.waitMs === 0;
    },
  };
}
