import type { Db, Queryable } from '../db.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { System } from '../../domain/systems.js';
import { announceQueueChange } from './qbd-queue.js';

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
  qboRealmId: string | null;
  zuperCompany: string | null;
  zuperApiUrl: string | null;
  status: ConnectionStatus;
  statusReason: string | null;
  qboAccessExpiresAt: Date | null;
  qboRefreshExpiresAt: Date | null;
  /** The refresh expiry is Intuit's hard cap: only reconnecting renews it. */
  qboRefreshHardCapped: boolean;
  hasQboTokens: boolean;
  hasZuperKey: boolean;
  /**
   * The systems whose credentials are stored (QuickBooks Online tokens, a Web Connector login, a Zuper key): a side
   * whose system is among them is connected.
   */
  connectedSystems: System[];
}

declare const checkedSettings: unique symbol;
/** Settings checked against the connection's systems' schemas, as only the integrations registry makes them. */
export type StoredSettings = { readonly [checkedSettings]: true };

/** Same shape as the QBO client's tokens; kept sealed at rest. */
export interface StoredQboTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
  refreshHardCapped?: boolean;
}

interface ConnectionRow {
  id: string;
  display_name: string;
  accounting_system: System;
  field_system: System;
  settings: unknown;
  qbo_realm_id: string | null;
  qbo_tokens_sealed: string | null;
  qbo_access_expires_at: Date | null;
  qbo_refresh_expires_at: Date | null;
  qbo_refresh_hard_capped: boolean;
  zuper_company: string | null;
  zuper_api_url: string | null;
  zuper_api_key_sealed: string | null;
  zuper_webhook_secret_sealed: string | null;
  qbd_username: string | null;
  qbd_password_sealed: string | null;
  status: ConnectionStatus;
  status_reason: string | null;
}

const toConnection = (r: ConnectionRow): Connection => {
  return {
    id: r.id,
    displayName: r.display_name,
    accountingSystem: r.accounting_system,
    fieldSystem: r.field_system,
    storedSettings: r.settings,
    qboRealmId: r.qbo_realm_id,
    zuperCompany: r.zuper_company,
    zuperApiUrl: r.zuper_api_url,
    status: r.status,
    statusReason: r.status_reason,
    qboAccessExpiresAt: r.qbo_access_expires_at,
    qboRefreshExpiresAt: r.qbo_refresh_expires_at,
    qboRefreshHardCapped: r.qbo_refresh_hard_capped,
    hasQboTokens: r.qbo_tokens_sealed !== null,
    hasZuperKey: r.zuper_api_key_sealed !== null,
    connectedSystems: [
      ...(r.qbo_tokens_sealed !== null ? (['qbo'] as const) : []),
      ...(r.qbd_username !== null && r.qbd_password_sealed !== null ? (['qbd'] as const) : []),
      ...(r.zuper_api_key_sealed !== null ? (['zuper'] as const) : []),
    ],
  };
};

export class ConnectionNotFoundError extends Error {
  override name = 'ConnectionNotFoundError';
}

export function connectionsRepository(db: Db, secrets: SecretBox) {
  const row = async (q: Queryable, id: string, lock = false): Promise<ConnectionRow> => {
    const rows = await q.query<ConnectionRow>(`SELECT * FROM connections WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    if (!rows[0]) throw new ConnectionNotFoundError(`no connection "${id}"`);
    return rows[0];
  };
  const sealTokens = (t: StoredQboTokens) =>
    secrets.seal(
      JSON.stringify({
        ...t,
        accessTokenExpiresAt: t.accessTokenExpiresAt.toISOString(),
        refreshTokenExpiresAt: t.refreshTokenExpiresAt.toISOString(),
      }),
    );
  const openTokens = (sealed: string): StoredQboTokens => {
    const raw = JSON.parse(secrets.open(sealed)) as Record<string, string>;
    return {
      accessToken: raw.accessToken!,
      refreshToken: raw.refreshToken!,
      accessTokenExpiresAt: new Date(raw.accessTokenExpiresAt!),
      refreshTokenExpiresAt: new Date(raw.refreshTokenExpiresAt!),
    };
  };
  const writeTokens = async (q: Queryable, id: string, tokens: StoredQboTokens) => {
    await q.query(
      `UPDATE connections SET qbo_tokens_sealed = $2, qbo_access_expires_at = $3, qbo_refresh_expires_at = $4,
         qbo_refresh_hard_capped = $5, status = 'active', status_reason = NULL, updated_at = now() WHERE id = $1`,
      [
        id,
        sealTokens(tokens),
        tokens.accessTokenExpiresAt,
        tokens.refreshTokenExpiresAt,
        tokens.refreshHardCapped ?? false,
      ],
    );
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
      const rows = await db.query<ConnectionRow>('SELECT * FROM connections WHERE id = $1', [id]);
      return rows[0] ? toConnection(rows[0]) : null;
    },
    async findByRealm(realmId: string): Promise<Connection | null> {
      const rows = await db.query<ConnectionRow>('SELECT * FROM connections WHERE qbo_realm_id = $1', [realmId]);
      return rows[0] ? toConnection(rows[0]) : null;
    },
    async list(): Promise<Connection[]> {
      return (await db.query<ConnectionRow>('SELECT * FROM connections ORDER BY id')).map(toConnection);
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
    async saveQbo(id: string, realmId: string, tokens: StoredQboTokens): Promise<void> {
      await db.transaction(async (tx) => {
        await row(tx, id, true);
        await tx.query('UPDATE connections SET qbo_realm_id = $2 WHERE id = $1', [id, realmId]);
        await writeTokens(tx, id, tokens);
      });
    },
    async loadQboTokens(id: string): Promise<StoredQboTokens> {
      const r = await row(db, id);
      if (!r.qbo_tokens_sealed) throw new ConnectionNotFoundError(`connection "${id}" has no QuickBooks authorisation`);
      return openTokens(r.qbo_tokens_sealed);
    },
    /** Serialises token refreshes across processes with a row lock, so a rotated refresh token is never reused. */
    async withQboTokenLock(
      id: string,
      fn: (current: StoredQboTokens) => Promise<StoredQboTokens>,
    ): Promise<StoredQboTokens> {
      return db.transaction(async (tx) => {
        const r = await row(tx, id, true);
        if (!r.qbo_tokens_sealed)
          throw new ConnectionNotFoundError(`connection "${id}" has no QuickBooks authorisation`);
        const current = openTokens(r.qbo_tokens_sealed);
        const next = await fn(current);
        if (next !== current) await writeTokens(tx, id, next);
        return next;
      });
    },
    async clearQbo(id: string): Promise<void> {
      await db.query(
        `UPDATE connections SET qbo_tokens_sealed = NULL, qbo_realm_id = NULL, qbo_access_expires_at = NULL, qbo_refresh_expires_at = NULL, qbo_refresh_hard_capped = false,
           status = 'disconnected', status_reason = 'QuickBooks disconnected', updated_at = now() WHERE id = $1`,
        [id],
      );
    },
    async saveZuper(id: string, company: string, apiUrl: string, apiKey: string, webhookSecret: string): Promise<void> {
      await db.query(
        `UPDATE connections SET zuper_company = $2, zuper_api_url = $3, zuper_api_key_sealed = $4,
           zuper_webhook_secret_sealed = $5, updated_at = now() WHERE id = $1`,
        [id, company, apiUrl, secrets.seal(apiKey), secrets.seal(webhookSecret)],
      );
    },
    async loadZuper(id: string): Promise<{ apiUrl: string; apiKey: string; webhookSecret: string }> {
      const r = await row(db, id);
      if (!r.zuper_api_url || !r.zuper_api_key_sealed || !r.zuper_webhook_secret_sealed) {
        throw new ConnectionNotFoundError(`connection "${id}" has no Zuper API key`);
      }
      return {
        apiUrl: r.zuper_api_url,
        apiKey: secrets.open(r.zuper_api_key_sealed),
        webhookSecret: secrets.open(r.zuper_webhook_secret_sealed),
      };
    },
    async clearZuper(id: string): Promise<void> {
      await db.query(
        `UPDATE connections SET zuper_api_key_sealed = NULL, zuper_webhook_secret_sealed = NULL, updated_at = now() WHERE id = $1`,
        [id],
      );
    },
    /** Gives the connection a Web Connector login, which makes QuickBooks Desktop its accounting system. */
    async saveQbd(id: string, username: string, password: string): Promise<void> {
      await row(db, id);
      await db.query(
        `UPDATE connections SET qbd_username = $2, qbd_password_sealed = $3, accounting_system = 'qbd',
           updated_at = now() WHERE id = $1`,
        [id, username, secrets.seal(password)],
      );
    },
    /**
     * Forgets the connection's Web Connector login (its username is then unknown to the Web Connector endpoint), ends
     * its open sessions, and withdraws its requests still queued or sent: nothing answers them any more, and the steps
     * waiting on them see them gone (integrations/qbd/queued-send.ts). QuickBooks Desktop stays the accounting system,
     * so reconnecting gives the same connection a new login. Answered requests are kept for the steps that read them.
     */
    async clearQbd(id: string): Promise<void> {
      await db.transaction(async (tx) => {
        await row(tx, id, true);
        await tx.query(
          'UPDATE connections SET qbd_username = NULL, qbd_password_sealed = NULL, updated_at = now() WHERE id = $1',
          [id],
        );
        await tx.query('UPDATE qbd_sessions SET closed_at = now() WHERE connection_id = $1 AND closed_at IS NULL', [
          id,
        ]);
        await tx.query(`DELETE FROM qbd_requests WHERE connection_id = $1 AND status IN ('queued', 'sent')`, [id]);
        await announceQueueChange(tx);
      });
    },
    /** The connection a Web Connector username belongs to, with its password; null for an unknown username. */
    async findQbdLogin(username: string): Promise<{ connectionId: string; password: string } | null> {
      const rows = await db.query<ConnectionRow>(
        'SELECT * FROM connections WHERE qbd_username = $1 AND qbd_password_sealed IS NOT NULL',
        [username],
      );
      const found = rows[0];
      return found ? { connectionId: found.id, password: secrets.open(found.qbd_password_sealed!) } : null;
    },
    /**
     * Re-seals every secret still sealed with a previous key under the current one, so a retired key can then be
     * dropped from SECRETS_PREVIOUS_KEYS. Compare-and-set per value: a token refresh racing it wins. Returns how many
     * values moved to the current key.
     */
    async resealSecrets(): Promise<number> {
      const rows = await db.query<ConnectionRow>('SELECT * FROM connections');
      let moved = 0;
      for (const r of rows) {
        for (const column of sealedColumns) {
          const sealed = r[column];
          if (!sealed || !secrets.needsRotation(sealed)) continue;
          let plain: string;
          try {
            plain = secrets.open(sealed);
          } catch {
            // Unreadable with the configured keys: left as is, so only its own connection fails, with the reason.
            continue;
          }
          const updated = await db.query(
            `UPDATE connections SET ${column} = $3 WHERE id = $1 AND ${column} = $2 RETURNING 1`,
            [r.id, sealed, secrets.seal(plain)],
          );
          moved += updated.length;
        }
      }
      return moved;
    },
  };
}

const sealedColumns = [
  'qbo_tokens_sealed',
  'zuper_api_key_sealed',
  'zuper_webhook_secret_sealed',
  'qbd_password_sealed',
] as const;

export type ConnectionsRepository = ReturnType<typeof connectionsRepository>;
