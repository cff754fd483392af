import type { Db } from '../db.js';
import type { MovementCursor } from '../../domain/movement-cursor.js';

/**
 * Per connection, the position reached in its field system's movement list (`MovementListPort`).
 */
export function movementListCursorsRepository(db: Db) {
  return {
    async get(connectionId: string): Promise<MovementCursor | null> {
      const rows = await db.query<{ seen: number; last_transaction_uid: string | null }>(
        'SELECT seen, last_transaction_uid FROM movement_list_cursors WHERE connection_id = $1',
        [connectionId],
      );
      const row = rows[0];
      return row ? { seen: row.seen, lastUid: row.last_transaction_uid } : null;
    },
    async save(connectionId: string, cursor: MovementCursor): Promise<void> {
      await db.query(
        `INSERT INTO movement_list_cursors (connection_id, seen, last_transaction_uid) VALUES ($1, $2, $3)
         ON CONFLICT (connection_id) DO UPDATE SET seen = EXCLUDED.seen,
           last_transaction_uid = EXCLUDED.last_transaction_uid, updated_at = now()`,
        [connectionId, cursor.seen, cursor.lastUid],
      );
    },
  };
}
