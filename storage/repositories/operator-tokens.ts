import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db.js';

/** An operator token limited to some connections, as listed (never the token itself). */
export interface ScopedToken {
  id: string;
  label: string;
  connectionIds: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  label: string;
  connection_ids: string[];
  secret_sha256: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

// `qzs_<id>_<secret>`: the id finds the row, the 256-bit secret proves the holder; both are shown once.
const tokenShape = /^qzs_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

const toToken = (row: Row): ScopedToken => ({
  id: row.id,
  label: row.label,
  connectionIds: [...row.connection_ids].sort(),
  createdAt: new Date(row.created_at),
  revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
});

/** True when the text has the form of a scoped token (the operator token never has it: it has no `qzs_` prefix). */
export const isScopedTokenShape = (token: string): boolean => tokenShape.test(token);

/** Scoped operator tokens, kept as the SHA-256 of their secret. */
export function operatorTokensRepository(db: Db) {
  const columns = 'id, label, connection_ids, secret_sha256, created_at, revoked_at';
  return {
    /** Mints a token for these connections; the answer is the only place the token ever appears. */
    async create(label: string, connectionIds: readonly string[]): Promise<{ token: string; scoped: ScopedToken }> {
      const id = randomBytes(6).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const rows = await db.query<Row>(
        `INSERT INTO operator_tokens (id, label, connection_ids, secret_sha256) VALUES ($1, $2, $3, $4)
         RETURNING ${columns}`,
        [id, label, [...new Set(connectionIds)], sha256(secret)],
      );
      return { token: `qzs_${id}_${secret}`, scoped: toToken(rows[0]!) };
    },

    async list(): Promise<ScopedToken[]> {
      return (await db.query<Row>(`SELECT ${columns} FROM operator_tokens ORDER BY created_at, id`)).map(toToken);
    },

    /** Revokes a token (again is harmless: the first revocation time stays); null when there is no such token. */
    async revoke(id: string): Promise<ScopedToken | null> {
      const rows = await db.query<Row>(
        `UPDATE operator_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${columns}`,
        [id],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },

    /** The unrevoked token this text is, comparing the secret's hash in constant time; null for anything else. */
    async verify(token: string): Promise<ScopedToken | null> {
      const parts = tokenShape.exec(token);
      if (!parts) return null;
      const [, id, secret] = parts as unknown as [string, string, string];
      const row = (await db.query<Row>(`SELECT ${columns} FROM operator_tokens WHERE id = $1`, [id]))[0];
      // Hashed even when there is no row, so an unknown id takes as long as a wrong secret.
      const given = Buffer.from(sha256(secret), 'hex');
      const expected = Buffer.from(row?.secret_sha256 ?? sha256(''), 'hex');
      if (!timingSafeEqual(given, expected) || !row || row.revoked_at !== null) return null;
      return toToken(row);
    },
  };
}
