import type { Db } from '../db.js';

export interface AdjustmentCursor {
  changedSince: Date;
  seenIds: string[];
}

/**
 * The stored position of each connection's quantity watch in its accounting system's changes: those the system does
 * not announce, caught by asking what changed since the cursor.
 */
export function adjustmentCursorsRepository(db: Db) {
  return {
    async get(connectionId: string): Promise<AdjustmentCursor | null> {
      const rows = await db.query<{ changed_since: Date; seen_ids: string[] }>(
        'SELECT changed_since, seen_ids FROM unannounced_change_cursors WHERE connection_id = $1',
        [connectionId],
      );
      const row = rows[0];
      return row ? { changedSince: new Date(row.changed_since), seenIds: row.seen_ids } : null;
    },
    async save(connectionId: string, cursor: AdjustmentCursor): Promise<void> {
      await db.query(
        `INSERT INTO unannounced_change_cursors (connection_id, changed_since, seen_ids) VALUES ($1, $2, $3)
         ON CONFLICT (connection_id) DO UPDATE SET changed_since = EXCLUDED.changed_since, seen_ids = EXCLUDED.seen_ids, updated_at = now()`,
        [connectionId, cursor.changedSince, cursor.seenIds],
      );
    },
  };
}
