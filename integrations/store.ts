import type { Db } from '../storage/db.js';
import { createCoreStore, type CoreStore } from '../storage/index.js';
import { applyMigrations, orderMigrations } from '../storage/migrate.js';
import { coreMigrations } from '../storage/migrations/index.js';
import type { SecretBox } from '../security/secret-box.js';
import { qbdStorage } from './qbd/storage/index.js';
import { qboStorage } from './qbo/storage/index.js';

/** The systems with tables of their own (`SystemStorage`, in each one's `storage/` folder). */
const systemStorage = [qboStorage, qbdStorage] as const;

/** Every migration, the core's and each system's, in the order of their numbers. */
const migrations = orderMigrations([coreMigrations, ...systemStorage.map((system) => system.migrations)]);

/**
 * Applies every pending migration, the core's and each system's, once (docs/adr/0016-systems-own-their-storage.md).
 * `upTo` stops after the named migration, so a test can write rows as an earlier version did and then migrate them.
 */
export const migrate = (db: Db, options: { upTo?: string } = {}): Promise<string[]> =>
  applyMigrations(db, migrations, options);

/** The migrations from the named one to the last, in order: what `migrate` applies to a database migrated up to the one before. */
export function migrationsFrom(first: string): string[] {
  const start = migrations.findIndex((m) => m.name === first);
  if (start < 0) throw new RangeError(`no migration named ${first}`);
  return migrations.slice(start).map((m) => m.name);
}

/** One type holding every system's repositories (the union of their shapes turned into their intersection). */
type Intersection<Union> = (Union extends unknown ? (part: Union) => void : never) extends (whole: infer All) => void
  ? All
  : never;

export type Store = CoreStore & Intersection<ReturnType<(typeof systemStorage)[number]['repositories']>>;

/** Every repository over one database: the core's and each system's, under their names. */
export function createStore(db: Db, secrets: SecretBox): Store {
  const store: Record<string, unknown> = createCoreStore(db, secrets);
  for (const system of systemStorage) {
    for (const [name, repository] of Object.entries(system.repositories(db))) {
      if (name in store) throw new Error(`two repositories are named ${name}`);
      store[name] = repository;
    }
  }
  return store as Store;
}
