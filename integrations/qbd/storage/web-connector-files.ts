import type { Db } from '../../../storage/db.js';

/** A connection's .qwc settings as the user set them; an absent one keeps the default. */
export interface QbdWebConnectorFileSettings {
  appUrl: string | null;
  runEverySeconds: number | null;
}

/** Per connection, where its Web Connector calls and how often (migration 025). */
export function qbdWebConnectorFilesRepository(db: Db) {
  return {
    async get(connectionId: string): Promise<QbdWebConnectorFileSettings> {
      const rows = await db.query<{ app_url: string | null; run_every_seconds: number | null }>(
        'SELECT app_url, run_every_seconds FROM qbd_web_connector_files WHERE connection_id = $1',
        [connectionId],
      );
      const row = rows[0];
      return { appUrl: row?.app_url ?? null, runEverySeconds: row?.run_every_seconds ?? null };
    },
    /** Saves the settings given; one left undefined keeps its stored value. */
    async save(connectionId: string, settings: { appUrl?: string; runEverySeconds?: number }): Promise<void> {
      await db.query(
        `INSERT INTO qbd_web_connector_files (connection_id, app_url, run_every_seconds) VALUES ($1, $2, $3)
         ON CONFLICT (connection_id) DO UPDATE SET app_url = COALESCE(EXCLUDED.app_url, qbd_web_connector_files.app_url),
           run_every_seconds = COALESCE(EXCLUDED.run_every_seconds, qbd_web_connector_files.run_every_seconds),
           updated_at = now()`,
        [connectionId, settings.appUrl ?? null, settings.runEverySeconds ?? null],
      );
    },
  };
}
