import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The local PostgreSQL server the multi-process benchmarks use (PGlite is single-process). */
export const BENCH_POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  url: string;
  /** What the database takes on disk (pg_database_size), in MB. */
  sizeMb(): Promise<number>;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database for one benchmark; `drop` removes it (closing what is still connected). */
export async function createFreshDatabase(): Promise<FreshDatabase> {
  const name = `qzs_bench_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    sizeMb: () =>
      admin((c) => c.query<{ bytes: string }>('SELECT pg_database_size($1) AS bytes', [name])).then(
        (r) => Number(r.rows[0]!.bytes) / 1024 / 1024,
      ),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
