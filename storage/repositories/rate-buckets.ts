import type { Db } from '../db.js';

export interface BucketSpec {
  /** Tokens the bucket holds when full (burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

/**
 * Token buckets in the database, shared by every worker process. `take` returns 0 when a token was taken, otherwise
 * how many milliseconds to wait before asking again.
 */
export function rateBucketsRepository(db: Db) {
  return {
    async take(key: string, spec: BucketSpec): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO rate_buckets (key, tokens, refilled_at) VALUES ($1, $2, clock_timestamp()) ON CONFLICT DO NOTHING',
          [key, spec.capacity],
        );
        const rows = await tx.query<{ tokens: number; elapsed: number }>(
          `SELECT tokens, EXTRACT(EPOCH FROM clock_timestamp() - refilled_at)::float8 AS elapsed
           FROM rate_buckets WHERE key = $1 FOR UPDATE`,
          [key],
        );
        const row = rows[0]!;
        const tokens = Math.min(spec.capacity, Number(row.tokens) + Number(row.elapsed) * spec.refillPerSecond);
        if (tokens >= 1) {
          await tx.query('UPDATE rate_buckets SET tokens = $2, refilled_at = clock_timestamp() WHERE key = $1', [
            key,
            tokens - 1,
          ]);
          return 0;
        }
        await tx.query('UPDATE rate_buckets SET tokens = $2, refilled_at = clock_timestamp() WHERE key = $1', [
          key,
          tokens,
        ]);
        return Math.ceil(((1 - tokens) / spec.refillPerSecond) * 1000);
      });
    },
  };
}
