import type { Db } from '../db.js';

export function webhookDeliveriesRepository(db: Db) {
  return {
    /** Records a delivery id; false when it was seen before (a duplicate that must start nothing). */
    async firstSeen(source: 'qbo' | 'zuper', deliveryId: string, connectionId: string | null): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO webhook_deliveries (source, delivery_id, connection_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING delivery_id`,
        [source, deliveryId, connectionId],
      );
      return rows.length === 1;
    },
    /** Forgets a delivery whose hand-off failed, so the sender's retry is processed. */
    async forget(source: 'qbo' | 'zuper', deliveryId: string): Promise<void> {
      await db.query('DELETE FROM webhook_deliveries WHERE source = $1 AND delivery_id = $2', [source, deliveryId]);
    },
  };
}
