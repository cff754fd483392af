import type { Db } from '../db.js';

export interface BucketSpec {
  /** Tokens the bucket holds when full (burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

/**
 * Token buckets in the database, shared by every worker process. A bucket may go into debt: its tokens fall below
 * zero by one per slot reserved ahead of the refill.
 */
export function rateBucketsRepository(db: Db) {
  return {
    /**
     * Takes a token, in debt if need be, and returns the milliseconds until that token has refilled: the caller's
     * reserved slot, which nobody else can take. One statement, so waiters never hold a lock or ask twice.
     */
    async take(key: string, spec: BucketSpec): Promise<number> {
      // The instant is read once (`excluded.refilled_at`), perhaps before waiting for the row lock: an instant older
      // than the stored one is still exact, because between takes a bucket's level is linear in time.
      const rows = await db.query<{ tokens: number }>(
        `INSERT INTO rate_buckets AS bucket (key, tokens, refilled_at) VALUES ($1, $2::float8 - 1, clock_timestamp())
         ON CONFLICT (key) DO UPDATE SET
           tokens = LEAST($2::float8,
             bucket.tokens + $3::float8 * EXTRACT(EPOCH FROM excluded.refilled_at - bucket.refilled_at)::float8) - 1,
           refilled_at = excluded.refilled_at
         RETURNING tokens`,
        [key, spec.capacity, spec.refillPerSecond],
      );
      const tokens = Number(rows[0]!.tokens);
      return tokens >= 0 ? 0 : Math.ceil((-tokens / spec.refillPerSecond) * 1000);
    },
  };
}
