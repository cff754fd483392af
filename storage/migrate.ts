import type { Db } from './db.js';
import * as initial from './migrations/001-initial.js';
import * as intakeOutbox from './migrations/002-intake-outbox.js';
import * as refreshHardCap from './migrations/003-refresh-hard-cap.js';
import * as zuperMovementCursor from './migrations/005-zuper-movement-cursor.js';
import * as adjustmentWatch from './migrations/006-adjustment-watch.js';
import * as operatorTokens from './migrations/007-operator-tokens.js';
import * as historyItemNames from './migrations/008-history-item-names.js';
import * as qboMeteredReads from './migrations/009-qbo-metered-reads.js';
import * as sideNeutralPlans from './migrations/010-side-neutral-plans.js';
import * as sideNeutralStorage from './migrations/011-side-neutral-storage.js';
import * as deliveryTraceParent from './migrations/012-delivery-trace-parent.js';
import * as qbdWorkQueue from './migrations/013-qbd-work-queue.js';
import * as qboCatalogReads from './migrations/014-qbo-catalog-reads.js';
import * as qbdKeyedRequests from './migrations/015-qbd-keyed-requests.js';
import * as linkPlanActions from './migrations/016-link-plan-actions.js';
import * as sideNeutralLinkPlans from './migrations/017-side-neutral-link-plans.js';
import * as accountingCatalogReads from './migrations/018-accounting-catalog-reads.js';
import * as productMasterSide from './migrations/019-product-master-side.js';
import * as sideNamedCursors from './migrations/021-side-named-cursors.js';
import * as settingsPerSide from './migrations/022-settings-per-side.js';
import * as connectionCredentials from './migrations/023-connection-credentials.js';
import * as transactionLines from './migrations/024-transaction-lines.js';
import * as qbdWebConnectorFiles from './migrations/025-qbd-web-connector-files.js';

const migrations = [
  initial,
  intakeOutbox,
  refreshHardCap,
  zuperMovementCursor,
  adjustmentWatch,
  operatorTokens,
  historyItemNames,
  qboMeteredReads,
  sideNeutralPlans,
  sideNeutralStorage,
  deliveryTraceParent,
  qbdWorkQueue,
  qboCatalogReads,
  qbdKeyedRequests,
  linkPlanActions,
  sideNeutralLinkPlans,
  accountingCatalogReads,
  productMasterSide,
  sideNamedCursors,
  settingsPerSide,
  connectionCredentials,
  transactionLines,
  qbdWebConnectorFiles,
];

/** The migrations from the named one to the last, in order: what `migrate` applies to a database migrated up to the one before. */
export function migrationsFrom(first: string): string[] {
  const start = migrations.findIndex((m) => m.name === first);
  if (start < 0) throw new RangeError(`no migration named ${first}`);
  return migrations.slice(start).map((m) => m.name);
}

/**
 * Applies pending migrations once, even when several processes start together (advisory lock). `upTo` stops after
 * the named migration, so a test can write rows as an earlier version did and then migrate them.
 */
export async function migrate(db: Db, options: { upTo?: string } = {}): Promise<string[]> {
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
