import type { Db } from '../db.js';

export function categoryLinksRepository(db: Db) {
  return {
    async fieldFor(connectionId: string, accountingCategoryId: string): Promise<string | null> {
      const rows = await db.query<{ field_category_id: string }>(
        'SELECT field_category_id FROM category_links WHERE connection_id = $1 AND accounting_category_id = $2',
        [connectionId, accountingCategoryId],
      );
      return rows[0]?.field_category_id ?? null;
    },
    async accountingFor(connectionId: string, fieldCategoryId: string): Promise<string | null> {
      const rows = await db.query<{ accounting_category_id: string }>(
        'SELECT accounting_category_id FROM category_links WHERE connection_id = $1 AND field_category_id = $2',
        [connectionId, fieldCategoryId],
      );
      return rows[0]?.accounting_category_id ?? null;
    },
    async link(connectionId: string, accountingCategoryId: string, fieldCategoryId: string): Promise<void> {
      await db.query(
        'INSERT INTO category_links (connection_id, accounting_category_id, field_category_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [connectionId, accountingCategoryId, fieldCategoryId],
      );
    },
  };
}
