import type { Db, Queryable } from '../db.js';
import type { System } from '../../domain/systems.js';
import type { StoredCredential } from './connection-credentials.js';

export type ConnectionStatus = 'active' | 'needs_reconnect' | 'disconnected';

export interface Connection {
  id: string;
  displayName: string;
  /** The system on each side (docs/sides.md). */
  accountingSystem: System;
  fieldSystem: System;
  /**
   * The settings as stored, unread: storage knows no system's settings. `readConnectionSettings`
   * (integrations/connection-settings.ts) reads them with the schemas of the connection's systems (docs/sides.md,
   * "Settings").
   */
  storedSettings: unknown;
  status: ConnectionStatus;
  statusReason: string | null;
  /** What is stored to reach each system, by system, secrets left sealed (each system reads its own parts). */
  credentials: Partial<Record<System, StoredCredential>>;
  /**
   * The systems whose credentials are stored (tokens, a login, an API key): a side whose system is among them is
   * connected.
   */
  connectedSystems: System[];
}

declare const checkedSettings: unique symbol;
/** Settings checked against the connection's systems' schemas, as only the integrations registry makes them. */
export type StoredSettings = { readonly [checkedSettings]: true };

interface ConnectionRow {
  id: string;
  display_name: string;
  accounting_system: System;
  field_system: System;
  settings: unknown;
  status: ConnectionStatus;
  status_reason: string | null;
  credentials?: StoredCredential[];
}

const toConnection = (r: ConnectionRow): Connection => {
  const credentials = r.credentials ?? [];
  return {
    id: r.id,
    displayName: r.display_name,
    accountingSystem: r.accounting_system,
    fieldSystem: r.field_system,
    storedSettings: r.settings,
    status: r.status,
    statusReason: r.status_reason,
    credentials: Object.fromEntries(credentials.map((c) => [c.system, c])),
    connectedSystems: credentials.filter((c) => c.connected).map((c) => c.system),
  };
};

/** A connection's row with its credentials (none opened), for `WHERE` clauses on `c`. */
const withCredentials = `SELECT c.*, coalesce((
    SELECT jsonb_agg(jsonb_build_object('system', k.system, 'lookupKey', k.lookup_key, 'details', k.details,
             'connected', k.secrets_sealed IS NOT NULL) ORDER BY k.system)
      FROM connection_credentials k WHERE k.connection_id = c.id), '[]'::jsonb) AS credentials
  FROM connections c`;

export class ConnectionNotFoundError extends Error {
  override name = 'ConnectionNotFoundError';
}

export function connectionsRepository(db: Db) {
  const row = async (q: Queryable, id: string): Promise<ConnectionRow> => {
    const rows = await q.query<ConnectionRow>(`${withCredentials} WHERE c.id = $1`, [id]);
    if (!rows[0]) throw new ConnectionNotFoundError(`no connection "${id}"`);
    return rows[0];
  };

  return {
    async create(id: string, displayName: string): Promise<Connection> {
      const rows = await db.query<ConnectionRow>(
        'INSERT INTO connections (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING *',
        [id, displayName],
      );
      return rows[0] ? toConnection(rows[0]) : toConnection(await row(db, id));
    },
    async get(id: string): Promise<Connection> {
      return toConnection(await row(db, id));
    },
    async find(id: string): Promise<Connection | null> {
      const rows = await db.query<ConnectionRow>(`${withCredentials} WHERE c.id = $1`, [id]);
      return rows[0] ? toConnection(rows[0]) : null;
    },
    async list(): Promise<Connection[]> {
      return (await db.query<ConnectionRow>(`${withCredentials} ORDER BY c.id`)).map(toConnection);
    },
    /** Stores settings the caller has checked (`storableSettings` in integrations/connection-settings.ts). */
    async saveSettings(id: string, settings: StoredSettings): Promise<void> {
      await db.query('UPDATE connections SET settings = $2, updated_at = now() WHERE id = $1', [
        id,
        JSON.stringify(settings),
      ]);
    },
    async setStatus(id: string, status: ConnectionStatus, reason: string | null): Promise<void> {
      await db.query('UPDATE connections SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [
        id,
        status,
        reason,
      ]);
    },
  };
}

export type ConnectionsRepository = ReturnType<typeof connectionsRepository>;
