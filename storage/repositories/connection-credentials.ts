import type { Db, Queryable } from '../db.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { Side } from '../../domain/sides.js';
import type { System } from '../../domain/systems.js';
import { ConnectionNotFoundError } from './connections.js';

/**
 * What the service keeps to reach one system for one connection, in the same shape for every system (each system
 * declares its own parts in its folder: integrations/<system>/credentials.ts).
 */
export interface CredentialRecord {
  /** The identity the system sends where it must find its connection (an account or login id); else null. */
  lookupKey: string | null;
  /** What is shown or scheduled, kept in clear (expiry times, a company name). */
  details: Record<string, unknown>;
}

/** A connection's credentials for one system as read with the connection: no secret is opened. */
export interface StoredCredential extends CredentialRecord {
  system: System;
  /** Secrets are stored: the connection is connected to the system. */
  connected: boolean;
}

/** The credentials with their secret parts opened. */
export interface OpenedCredential extends CredentialRecord {
  secrets: Record<string, string>;
}

interface CredentialRow {
  lookup_key: string | null;
  secrets_sealed: Record<string, string> | null;
  details: Record<string, unknown>;
}

const sides: Record<Side, string> = { accounting: 'accounting_system', field: 'field_system' };

export function connectionCredentialsRepository(db: Db, secrets: SecretBox) {
  const sealAll = (plain: Record<string, string>) =>
    Object.fromEntries(Object.entries(plain).map(([part, value]) => [part, secrets.seal(value)]));
  const opened = (connectionId: string, system: System, row: CredentialRow | undefined): OpenedCredential => {
    if (!row?.secrets_sealed)
      throw new ConnectionNotFoundError(`connection "${connectionId}" is not connected to ${system}`);
    const plain = Object.fromEntries(
      Object.entries(row.secrets_sealed).map(([part, sealed]) => [part, secrets.open(sealed)]),
    );
    return { lookupKey: row.lookup_key, details: row.details, secrets: plain };
  };
  const read = async (q: Queryable, connectionId: string, system: System, lock: boolean) =>
    (
      await q.query<CredentialRow>(
        `SELECT lookup_key, secrets_sealed, details FROM connection_credentials WHERE connection_id = $1 AND system = $2${lock ? ' FOR UPDATE' : ''}`,
        [connectionId, system],
      )
    )[0];
  const write = async (q: Queryable, connectionId: string, system: System, credential: OpenedCredential) => {
    await q.query(
      `INSERT INTO connection_credentials (connection_id, system, lookup_key, secrets_sealed, details)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (connection_id, system) DO UPDATE SET lookup_key = $3, secrets_sealed = $4, details = $5, updated_at = now()`,
      [
        connectionId,
        system,
        credential.lookupKey,
        JSON.stringify(sealAll(credential.secrets)),
        JSON.stringify(credential.details),
      ],
    );
  };
  const activate = (q: Queryable, connectionId: string) =>
    q.query(`UPDATE connections SET status = 'active', status_reason = NULL, updated_at = now() WHERE id = $1`, [
      connectionId,
    ]);

  return {
    /**
     * Stores a system's credentials, each secret part sealed. `activates` clears a connection's need to reconnect;
     * `side` makes the system the connection's system on that side.
     */
    async save(
      connectionId: string,
      system: System,
      credential: OpenedCredential,
      options: { activates?: boolean; side?: Side } = {},
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const found = await tx.query('SELECT 1 FROM connections WHERE id = $1 FOR UPDATE', [connectionId]);
        if (found.length === 0) throw new ConnectionNotFoundError(`no connection "${connectionId}"`);
        await write(tx, connectionId, system, credential);
        if (options.activates) await activate(tx, connectionId);
        if (options.side) {
          await tx.query(`UPDATE connections SET ${sides[options.side]} = $2, updated_at = now() WHERE id = $1`, [
            connectionId,
            system,
          ]);
        }
      });
    },
    /** The credentials with their secrets opened; throws ConnectionNotFoundError when the system is not connected. */
    async open(connectionId: string, system: System): Promise<OpenedCredential> {
      return opened(connectionId, system, await read(db, connectionId, system, false));
    },
    /**
     * Runs `renew` on the current credentials under a row lock, so credentials that rotate (a refresh token) are
     * renewed by one process at a time and never reused; stores what it answers (null: unchanged) and activates the
     * connection when it renewed them.
     */
    async withLock(
      connectionId: string,
      system: System,
      renew: (current: OpenedCredential) => Promise<OpenedCredential | null>,
    ): Promise<OpenedCredential> {
      return db.transaction(async (tx) => {
        const current = opened(connectionId, system, await read(tx, connectionId, system, true));
        const next = await renew(current);
        if (next === null) return current;
        await write(tx, connectionId, system, next);
        await activate(tx, connectionId);
        return next;
      });
    },
    /** The connection holding a system's lookup key with secrets stored; null when none does. */
    async connectionOf(system: System, lookupKey: string): Promise<string | null> {
      const rows = await db.query<{ connection_id: string }>(
        `SELECT connection_id FROM connection_credentials
          WHERE system = $1 AND lookup_key = $2 AND secrets_sealed IS NOT NULL`,
        [system, lookupKey],
      );
      return rows[0]?.connection_id ?? null;
    },
    /**
     * Deletes a system's secrets and lookup key, keeping the `kept` details (what the answer still shows); `status`
     * marks the connection; `alongside` runs in the same transaction (withdrawing work queued for the system).
     */
    async clear(
      connectionId: string,
      system: System,
      options: {
        kept?: readonly string[];
        status?: { status: 'disconnected'; reason: string };
        alongside?: (tx: Queryable) => Promise<void>;
      } = {},
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM connections WHERE id = $1 FOR UPDATE', [connectionId]);
        const row = await read(tx, connectionId, system, true);
        const kept = Object.fromEntries(
          Object.entries(row?.details ?? {}).filter(([field]) => options.kept?.includes(field)),
        );
        await tx.query(
          `UPDATE connection_credentials SET secrets_sealed = NULL, lookup_key = NULL, details = $3, updated_at = now()
            WHERE connection_id = $1 AND system = $2`,
          [connectionId, system, JSON.stringify(kept)],
        );
        if (options.status) {
          await tx.query('UPDATE connections SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [
            connectionId,
            options.status.status,
            options.status.reason,
          ]);
        }
        await options.alongside?.(tx);
      });
    },
    /**
     * Re-seals every secret still sealed with a previous key under the current one, so a retired key can then be
     * dropped from SECRETS_PREVIOUS_KEYS. Compare-and-set per value: a token refresh racing it wins. Returns how many
     * values moved to the current key.
     */
    async resealSecrets(): Promise<number> {
      const rows = await db.query<{ connection_id: string; system: string; secrets_sealed: Record<string, string> }>(
        'SELECT connection_id, system, secrets_sealed FROM connection_credentials WHERE secrets_sealed IS NOT NULL',
      );
      let moved = 0;
      for (const r of rows) {
        for (const [part, sealed] of Object.entries(r.secrets_sealed)) {
          if (!secrets.needsRotation(sealed)) continue;
          let plain: string;
          try {
            plain = secrets.open(sealed);
          } catch {
            // Unreadable with the configured keys: left as is, so only its own connection fails, with the reason.
            continue;
          }
          const updated = await db.query(
            `UPDATE connection_credentials SET secrets_sealed = jsonb_set(secrets_sealed, ARRAY[$3::text], to_jsonb($5::text))
              WHERE connection_id = $1 AND system = $2 AND secrets_sealed ->> $3 = $4 RETURNING 1`,
            [r.connection_id, r.system, part, sealed, secrets.seal(plain)],
          );
          moved += updated.length;
        }
      }
      return moved;
    },
  };
}

export type ConnectionCredentialsRepository = ReturnType<typeof connectionCredentialsRepository>;
