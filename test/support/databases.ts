import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import pg from 'pg';
import { openDb, type Db } from '../../storage/db.js';
import { migrate, createStore, type Store } from '../../integrations/store.js';
import { testSecretBox } from './secrets.js';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /**
   * A fresh database, migrated to the newest schema or only up to `migrateUpTo` (a migration's name); with `empty`,
   * nothing is migrated (to migrate it as an older version did).
   */
  open(options?: { migrateUpTo?: string; empty?: boolean }): Promise<{ db: Db; drop(): Promise<void> }>;
}

/**
 * Embedded PGlite always; real PostgreSQL too when DATABASE_URL is set (CI sets it). Each open() gets a fresh,
 * migrated database so test files running in parallel never see each other's rows.
 */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'pglite',
      async open(options = {}) {
        const db = await openDb({ dataDir: 'memory' });
        if (!options.empty) await migrate(db, { upTo: options.migrateUpTo });
        return { db, drop: () => db.close() };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async open(options = {}) {
        const database = await createPostgresDatabase(url);
        const db = await openDb({ databaseUrl: database.url, dataDir: 'memory' });
        if (!options.empty) await migrate(db, { upTo: options.migrateUpTo });
        return {
          db,
          async drop() {
            await db.close();
            await database.drop();
          },
        };
      },
    });
  }
  return list;
}

/**
 * A fresh, empty database on the PostgreSQL server of `serverUrl`, for tests that open it more than once (as several
 * server replicas would). Dropping it ends whatever connections are still open.
 */
export async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `qzs_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  return {
    url: dbUrl.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * For the enclosing describe(): a fresh migrated database of this kind behind the service's store, handed to `use`
 * before its tests and dropped after them.
 */
export function withTestStore(database: TestDatabase, use: (store: Store) => void): void {
  let drop: (() => Promise<void>) | undefined;
  before(async () => {
    const opened = await database.open();
    drop = opened.drop;
    use(createStore(opened.db, testSecretBox()));
  });
  after(() => drop?.());
}
