import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/** The one SQL surface the repositories use, identical for PostgreSQL and embedded PGlite. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database when no URL is given; `memory` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
}

export async function openDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

function openPostgres(url: string, max: number): Db {
  // numeric stays a string (exact quantities); we parse it where we need numbers.
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (a PostgreSQL restart or failover, an administrator's terminate) is emitted
  // here; without a listener it would crash the process. The pool discards it and opens a new one on the next query.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as Row[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[],
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Db> {
  let db: PGlite;
  if (dataDir === 'memory') {
    db = new PGlite();
  } else {
    const dir = resolve(join(dataDir, 'pglite'));
    mkdirSync(dir, { recursive: true });
    db = new PGlite(dir);
  }
  await db.waitReady;
  return {
    kind: 'pglite',
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
    exec: async (sql) => void (await db.exec(sql)),
    transaction(fn) {
      return db.transaction((tx) =>
        fn({
          query: async (sql, params = []) => (await tx.query(sql, params)).rows as never,
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      );
    },
    close: () => db.close(),
  };
}
