import type { Db } from '../../../storage/db.js';

export interface MeteredReadCount {
  connectionId: string;
  /** `YYYY-MM`, UTC. */
  month: string;
  reads: number;
}

/** Metered QuickBooks reads per connection and calendar month. */
export function meteredReadsRepository(db: Db) {
  return {
    /** Adds each count to its (connection, month) row in one statement. */
    async add(counts: readonly MeteredReadCount[]): Promise<void> {
      if (counts.length === 0) return;
      await db.query(
        `INSERT INTO qbo_metered_reads (connection_id, month, reads)
         SELECT c, m, SUM(r) FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(c, m, r) GROUP BY c, m
         ON CONFLICT (month, connection_id) DO UPDATE SET reads = qbo_metered_reads.reads + EXCLUDED.reads, updated_at = now()`,
        [counts.map((c) => c.connectionId), counts.map((c) => c.month), counts.map((c) => c.reads)],
      );
    },
    /** Every connection's reads in `month`, most first. */
    async ofMonth(month: string): Promise<{ connectionId: string; reads: number }[]> {
      const rows = await db.query<{ connection_id: string; reads: number }>(
        `SELECT connection_id, reads::float8 AS reads FROM qbo_metered_reads WHERE month = $1
         ORDER BY reads DESC, connection_id`,
        [month],
      );
      return rows.map((r) => ({ connectionId: r.connection_id, reads: Number(r.reads) }));
    },
  };
}
