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

/** A subscription to one notification channel, until closed. */
export interface Listener {
  /** False while the subscription is being (re-)established: notifications sent meanwhile are lost. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onWake` for each notification on `channel` (sent with `pg_notify`, delivered once its transaction commits)
   * and whenever listening starts or stops, since a notification may have been missed around either.
   */
  listen(channel: string, onWake: () => void): Listener;
  /** Closes the database and every listener still open on it. */
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
  // Each listener holds a connection of its own, which would keep the process alive after the pool ends.
  const listeners = new Set<Listener>();
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
    listen(channel, onWake) {
      const listener = listenPostgres(url, channel, onWake);
      listeners.add(listener);
      return {
        get listening() {
          return listener.listening;
        },
        close: () => {
          listeners.delete(listener);
          return listener.close();
        },
      };
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.close()));
      listeners.clear();
      await pool.end();
    },
  };
}

/** Reconnection delays of a dropped listener: doubling from the first to the ceiling, reset once it listens again. */
export const RELISTEN_MS = { first: 100, max: 5_000 };

/**
 * LISTEN on a connection of its own (a pooled one goes back to the pool and stops hearing). A connection that drops (a
 * PostgreSQL restart or failover, an administrator's terminate) is replaced, with backoff, until the listener closes.
 */
function listenPostgres(url: string, channel: string, onWake: () => void): Listener {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retryMs = RELISTEN_MS.first;
  let retryTimer: NodeJS.Timeout | undefined;

  const setListening = (value: boolean) => {
    if (listening === value) return;
    listening = value;
    onWake();
  };

  const retryLater = () => {
    setListening(false);
    if (closed) return;
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, RELISTEN_MS.max);
  };

  async function connect() {
    // Keep-alive probes find a connection that died silently (no FIN from a vanished host), so it is replaced.
    const attempt = new pg.Client({ connectionString: url, application_name: `listen ${channel}`, keepAlive: true });
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      if (client === attempt) client = null;
      attempt.end().catch(() => undefined);
      retryLater();
    };
    attempt.on('error', drop);
    attempt.on('end', drop);
    attempt.on('notification', (message) => {
      if (message.channel === channel) onWake();
    });
    try {
      await attempt.connect();
      await attempt.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch {
      drop();
      return;
    }
    if (dropped) return;
    if (closed) {
      dropped = true;
      await attempt.end().catch(() => undefined);
      return;
    }
    client = attempt;
    retryMs = RELISTEN_MS.first;
    setListening(true);
  }

  void connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      listening = false;
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
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
    listen: (channel, onWake) => listenPglite(db, channel, onWake),
    close: () => db.close(),
  };
}

/** PGlite delivers notifications in-process, after the statement or transaction that sent them commits. */
function listenPglite(db: PGlite, channel: string, onWake: () => void): Listener {
  let listening = false;
  // A subscription that fails leaves `listening` false, so the caller polls as it does while PostgreSQL reconnects.
  const subscription = db.listen(channel, onWake).then(
    (stop) => {
      listening = true;
      onWake();
      return stop;
    },
    () => null,
  );
  return {
    get listening() {
      return listening;
    },
    async close() {
      listening = false;
      const stop = await subscription;
      // A database closed first has no subscription left to end.
      await stop?.().catch(() => undefined);
    },
  };
}
