import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db.js';

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** Single-use OAuth `state` values bound to the browser session that started the flow. */
export function oauthStatesRepository(db: Db) {
  return {
    async issue(connectionId: string, browserSession: string, ttlMs = 10 * 60_000): Promise<string> {
      const state = randomBytes(24).toString('base64url');
      await db.query(
        'INSERT INTO oauth_states (state, connection_id, session_hash, expires_at) VALUES ($1, $2, $3, $4)',
        [state, connectionId, hash(browserSession), new Date(Date.now() + ttlMs)],
      );
      return state;
    },
    /** Consumes a state; returns its connection only if unused, unexpired and from the same browser session. */
    async consume(state: string, browserSession: string): Promise<string | null> {
      const rows = await db.query<{ connection_id: string }>(
        `UPDATE oauth_states SET used_at = now()
         WHERE state = $1 AND used_at IS NULL AND expires_at > now() AND session_hash = $2
         RETURNING connection_id`,
        [state, hash(browserSession)],
      );
      return rows[0]?.connection_id ?? null;
    },
  };
}
