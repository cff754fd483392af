import type { Db } from '../db.js';
import type { System } from '../../domain/systems.js';

/** Remembers which items a transaction touched, so its deletion (no longer readable) still says what to settle. */
export function transactionItemsRepository(db: Db) {
  return {
    async remember(connectionId: string, source: System, entity: string, entityId: string, itemIds: string[]) {
      await db.query(
        `INSERT INTO transaction_items (connection_id, source, entity, entity_id, item_ids) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (connection_id, source, entity, entity_id)
         DO UPDATE SET item_ids = (SELECT array_agg(DISTINCT x) FROM unnest(transaction_items.item_ids || EXCLUDED.item_ids) x), seen_at = now()`,
        [connectionId, source, entity, entityId, itemIds],
      );
    },
    async recall(connectionId: string, source: System, entity: string, entityId: string): Promise<string[]> {
      const rows = await db.query<{ item_ids: string[] }>(
        'SELECT item_ids FROM transaction_items WHERE connection_id = $1 AND source = $2 AND entity = $3 AND entity_id = $4',
        [connectionId, source, entity, entityId],
      );
      return rows[0]?.item_ids ?? [];
    },
  };
}
