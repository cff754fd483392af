import type { Db } from '../db.js';

export interface BucketSpec {
  /** Tokens the bucket holds when full (burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export type Reservation = { reserved: true; waitMs: number } | { reserved: false; retryAfterMs: number };

/**
 * Token buckets in the database, shared by every worker process. A bucket may go into debt: its tokens fall below
 * zero by one per slot reserved ahead of the refill.
 */
export function rateBucketsRepository(db: Db) {
  return {
    /**
     * Takes a token, in debt if need be, and returns the milliseconds until that token has refilled: the caller's
     * reserved slot, which nobody else can take. One statement, so waiters never hold a lock or ask twice. A slot
     * further out than `maxWaitMs` is not reserved: the answer is then how long until the bucket would have had it.
     */
    async take(key: string, spec: BucketSpec, maxWaitMs = Number.POSITIVE_INFINITY): Promise<Reservation> {
      // The instant is read once (`excluded.refilled_at`), perhaps before waiting for the row lock: an instant older
      // than the stored one is still exact, because between takes a bucket's level is linear in time.
      const levelAt = (instant: string) => `LEAST($2::float8,
             bucket.tokens + $3::float8 * EXTRACT(EPOCH FROM ${instant} - bucket.refilled_at)::float8)`;
      const rows = await db.query<{ tokens: number }>(
        `INSERT INTO rate_buckets AS bucket (key, tokens, refilled_at) VALUES ($1, $2::float8 - 1, clock_timestamp())
         ON CONFLICT (key) DO UPDATE SET tokens = ${levelAt('excluded.refilled_at')} - 1,
           refilled_at = excluded.refilled_at
         WHERE ${levelAt('excluded.refilled_at')} - 1 >= -$3::float8 * $4::float8
         RETURNING tokens`,
        [key, spec.capacity, spec.refillPerSecond, Number.isFinite(maxWaitMs) ? maxWaitMs / 1000 : 1e12],
      );
      const msUntilRefilled = (tokens: number) =>
        tokens >= 0 ? 0 : Math.ceil((-tokens / spec.refillPerSecond) * 1000);
      if (rows[0]) return { reserved: true, waitMs: msUntilRefilled(Number(rows[0].tokens)) };
      const [now] = await db.query<{ tokens: number }>(
        `SELECT ${levelAt('clock_timestamp()')} - 1 AS tokens FROM rate_buckets AS bucket WHERE key = $1`,
        [key, spec.capacity, spec.refillPerSecond],
      );
      return { reserved: false, retryAfterMs: msUntilRefilled(Number(now?.tokens ?? 0)) };
    },
  };
}
