import type { Db } from '../db.js';

/** When reconciliation last read each connection's whole accounting catalog. */
export function accountingCatalogReadsRepository(db: Db) {
  return {
    async lastReadAt(connectionId: string): Promise<Date | null> {
      const rows = await db.query<{ read_at: Date }>(
        'SELECT read_at FROM accounting_catalog_reads WHERE connection_id = $1',
        [connectionId],
      );
      return rows[0] ? new Date(rows[0].read_at) : null;
    },
    async recordRead(connectionId: string, readAt: Date): Promise<void> {
      await db.query(
        `INSERT INTO accounting_catalog_reads (connection_id, read_at) VALUES ($1, $2)
         ON CONFLICT (connection_id) DO UPDATE SET read_at = EXCLUDED.read_at`,
        [connectionId, readAt],
      );
    },
  };
}
