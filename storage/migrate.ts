import type { Db } from './db.js';

/** One step of the schema: `schema_migrations` records its `name` (`NNN-what`) once `sql` has run. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** The number a migration's name starts with: unique across the core's and every system's migrations. */
function migrationNumber(name: string): number {
  const number = /^(\d{3})-[a-z0-9-]+$/.exec(name)?.[1];
  if (number === undefined) throw new RangeError(`migration name ${name} does not start with its number (NNN-…)`);
  return Number(number);
}

/**
 * The migrations of every source (the core's and each system's) as one list, in the order of their numbers: a
 * system's migration runs between the core's it was written between, as it did when the core held it. Two sharing a
 * number would have no order, so they are refused.
 */
export function orderMigrations(sources: readonly (readonly Migration[])[]): Migration[] {
  const named = new Map<number, string>();
  for (const { name } of sources.flat()) {
    const number = migrationNumber(name);
    const other = named.get(number);
    if (other !== undefined) throw new RangeError(`migrations ${other} and ${name} share the number ${number}`);
    named.set(number, name);
  }
  return sources.flat().sort((a, b) => migrationNumber(a.name) - migrationNumber(b.name));
}

/**
 * Applies the pending ones of `migrations` (in order) once, even when several processes start together (advisory
 * lock). `upTo` stops after the named migration, so a test can write rows as an earlier version did and then migrate
 * them.
 */
export async function applyMigrations(
  db: Db,
  migrations: readonly Migration[],
  options: { upTo?: string } = {},
): Promise<string[]> {
  const last =
    options.upTo === undefined ? migrations.length - 1 : migrations.findIndex((m) => m.name === options.upTo);
  if (last < 0) throw new RangeError(`no migration named ${options.upTo}`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242001)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const applied: string[] = [];
    for (const migration of migrations.slice(0, last + 1)) {
      if (done.has(migration.name)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
      applied.push(migration.name);
    }
    return applied;
  });
}
