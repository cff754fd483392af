import type { Db } from '../db.js';

export function categoryLinksRepository(db: Db) {
  return {
    async zuperFor(connectionId: string, qboCategoryId: string): Promise<string | null> {
      const rows = await db.query<{ zuper_category_uid: string }>(
        'SELECT zuper_category_uid FROM category_links WHERE connection_id = $1 AND qbo_category_id = $2',
        [connectionId, qboCategoryId],
      );
      return rows[0]?.zuper_category_uid ?? null;
    },
    async qboFor(connectionId: string, zuperCategoryUid: string): Promise<string | null> {
      const rows = await db.query<{ qbo_category_id: string }>(
        'SELECT qbo_category_id FROM category_links WHERE connection_id = $1 AND zuper_category_uid = $2',
        [connectionId, zuperCategoryUid],
      );
      return rows[0]?.qbo_category_id ?? null;
    },
    async link(connectionId: string, qboCategoryId: string, zuperCategoryUid: string): Promise<void> {
      await db.query(
        'INSERT INTO category_links (connection_id, qbo_category_id, zuper_category_uid) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [connectionId, qboCategoryId, zuperCategoryUid],
      );
    },
  };
}
