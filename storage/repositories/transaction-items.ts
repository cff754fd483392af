import type { Db } from '../db.js';
import type { System } from '../../domain/systems.js';
import type { StockLine } from '../../domain/transaction-lines.js';

/** A transaction's lines as the quantity watch last saw them, with the version it saw. */
export interface SeenTransactionLines {
  version: string | null;
  lines: StockLine[];
}

/** A transaction of one system, as the watch keys it. */
export interface TransactionKey {
  entity: string;
  id: string;
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * Remembers which items a transaction touched, so its deletion (no longer readable) still says what to settle; and,
 * for transactions the quantity watch reads, their lines with quantities, so an edit settles only what it changed.
 */
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
    /** The lines last seen of each transaction; one seen without its lines (or never) is absent from the answer. */
    async recallLines(
      connectionId: string,
      source: System,
      keys: readonly TransactionKey[],
    ): Promise<Map<string, SeenTransactionLines>> {
      if (keys.length === 0) return new Map();
      const rows = await db.query<{ entity: string; entity_id: string; version: string | null; lines: StockLine[] }>(
        `SELECT t.entity, t.entity_id, t.version, t.lines FROM transaction_items t
         JOIN unnest($3::text[], $4::text[]) AS k(entity, entity_id) ON k.entity = t.entity AND k.entity_id = t.entity_id
         WHERE t.connection_id = $1 AND t.source = $2 AND t.lines IS NOT NULL`,
        [connectionId, source, keys.map((k) => k.entity), keys.map((k) => k.id)],
      );
      return new Map(rows.map((row) => [keyOf(row.entity, row.entity_id), { version: row.version, lines: row.lines }]));
    },
    /** Keeps each transaction's lines now (replacing those seen before), and the items they name. */
    async rememberLines(
      connectionId: string,
      source: System,
      seen: readonly (TransactionKey & SeenTransactionLines)[],
    ): Promise<void> {
      if (seen.length === 0) return;
      await db.query(
        `INSERT INTO transaction_items (connection_id, source, entity, entity_id, item_ids, version, lines)
         SELECT $1, $2, s.entity, s.entity_id, ARRAY(SELECT DISTINCT l->>'itemId' FROM jsonb_array_elements(s.lines) l),
                s.version, s.lines
           FROM jsonb_to_recordset($3::jsonb) AS s(entity text, entity_id text, version text, lines jsonb)
         ON CONFLICT (connection_id, source, entity, entity_id)
         DO UPDATE SET item_ids = EXCLUDED.item_ids, version = EXCLUDED.version, lines = EXCLUDED.lines, seen_at = now()`,
        [
          connectionId,
          source,
          JSON.stringify(seen.map((s) => ({ entity: s.entity, entity_id: s.id, version: s.version, lines: s.lines }))),
        ],
      );
    },
  };
}

/** The key `recallLines` answers a transaction under. */
export const transactionKeyOf = (key: TransactionKey) => keyOf(key.entity, key.id);
