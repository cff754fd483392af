import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../storage/db.js';
import { orderMigrations, type Migration } from '../../storage/migrate.js';
import { coreMigrations } from '../../storage/migrations/index.js';
import { qbdStorage } from '../../integrations/qbd/storage/index.js';
import { qboStorage } from '../../integrations/qbo/storage/index.js';
import { createStore, migrate, migrationsFrom } from '../../integrations/store.js';
import { testDatabases } from '../support/databases.js';
import { testSecretBox } from '../support/secrets.js';

/**
 * Every migration in the order the code before the systems owned their storage listed and recorded them (all in
 * storage/): moving a system's migrations into its folder must change neither a name nor its place.
 */
const recordedBeforeSystemsOwnedStorage = [
  '001-initial',
  '002-intake-outbox',
  '003-refresh-hard-cap',
  '005-zuper-movement-cursor',
  '006-adjustment-watch',
  '007-operator-tokens',
  '008-history-item-names',
  '009-qbo-metered-reads',
  '010-side-neutral-plans',
  '011-side-neutral-storage',
  '012-delivery-trace-parent',
  '013-qbd-work-queue',
  '014-qbo-catalog-reads',
  '015-qbd-keyed-requests',
  '016-link-plan-actions',
  '017-side-neutral-link-plans',
  '018-accounting-catalog-reads',
  '019-product-master-side',
  '021-side-named-cursors',
  '022-settings-per-side',
  '023-connection-credentials',
  '024-transaction-lines',
  '025-qbd-web-connector-files',
];

/** The same SQL, wherever its module now lives. */
const sqlByName = new Map(
  [...coreMigrations, ...qboStorage.migrations, ...qbdStorage.migrations].map((m) => [m.name, m.sql]),
);

/** Migrates as the code before did: each listed migration in its order, in one transaction, recorded by name. */
async function migrateAsBefore(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const name of recordedBeforeSystemsOwnedStorage) {
      await tx.exec(sqlByName.get(name)!);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
  });
}

/** What a schema is made of: every column of every table, index and constraint, in a stable order. */
async function schemaOf(db: Db) {
  const columns = await db.query(
    `SELECT table_name, column_name, ordinal_position, data_type, column_default, is_nullable
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const indexes = await db.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  );
  const constraints = await db.query(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  return { columns, indexes, constraints };
}

describe('the migrations of the core and of each system', () => {
  it('keep the names and the order recorded before the systems owned their storage', () => {
    assert.deepEqual(
      migrationsFrom('001-initial').slice(0, recordedBeforeSystemsOwnedStorage.length),
      recordedBeforeSystemsOwnedStorage,
    );
    for (const name of ['013-qbd-work-queue', '015-qbd-keyed-requests', '025-qbd-web-connector-files']) {
      assert.ok(
        qbdStorage.migrations.some((m) => m.name === name),
        `${name} is QuickBooks Desktop's`,
      );
    }
  });

  it('are ordered by number across sources, and two sharing a number are refused', () => {
    const step = (name: string): Migration => ({ name, sql: '' });
    assert.deepEqual(
      orderMigrations([[step('001-a'), step('004-d')], [step('003-c')], [step('002-b'), step('005-e')]]).map(
        (m) => m.name,
      ),
      ['001-a', '002-b', '003-c', '004-d', '005-e'],
    );
    assert.throws(
      () => orderMigrations([[step('001-a'), step('002-core')], [step('002-system')]]),
      /002-core and 002-system share the number 2/,
    );
    assert.throws(() => orderMigrations([[step('first')]]), /does not start with its number/);
  });
});

for (const database of testDatabases()) {
  describe(`a database migrated before the systems owned their storage, on ${database.name}`, () => {
    it('has nothing applied again, keeps the work queue, the .qwc settings and the metered reads, and has the schema a fresh one gets', async () => {
      const before = await database.open({ empty: true });
      const fresh = await database.open({ empty: true });
      try {
        await migrateAsBefore(before.db);
        await before.db.exec(`
          INSERT INTO connections (id, display_name) VALUES ('c1', 'Desktop');
          INSERT INTO connection_credentials (connection_id, system, lookup_key, secrets_sealed)
            VALUES ('c1', 'qbd', 'qbwc-c1', '{"password": "sealed"}');
          INSERT INTO qbd_sessions (ticket_sha256, connection_id, started_at, closed_at, last_error)
            VALUES ('aa11', 'c1', '2026-12-01T10:00:00Z', '2026-12-01T10:01:00Z', 'QuickBooks was closed');
          INSERT INTO qbd_requests (connection_id, request_id, request_type, body, status, caller_key, response,
                                    status_code, status_severity, answered_at)
            VALUES ('c1', 'r-1', 'ItemInventoryQueryRq', '<ItemInventoryQueryRq/>', 'answered', 'read:items',
                    '<QBXML/>', 0, 'Info', '2026-12-01T10:00:30Z');
          INSERT INTO qbd_requests (connection_id, request_id, request_type, body, caller_key)
            VALUES ('c1', 'r-2', 'InventoryAdjustmentAddRq', '<InventoryAdjustmentAddRq/>', 'move:mva-1');
          INSERT INTO qbd_web_connector_files (connection_id, app_url, run_every_seconds)
            VALUES ('c1', 'https://sync.example.com/qbwc', 120);
          INSERT INTO qbo_metered_reads (connection_id, month, reads) VALUES ('c9', '2026-12', 41);
        `);

        assert.deepEqual(
          await migrate(before.db),
          migrationsFrom('001-initial').slice(recordedBeforeSystemsOwnedStorage.length),
          'nothing recorded is applied again, only the migrations that came after the move',
        );
        const { qbdQueue, qbdWebConnectorFiles, meteredReads } = createStore(before.db, testSecretBox());
        const answered = await qbdQueue.findKeyed('c1', 'read:items');
        assert.equal(answered?.status, 'answered');
        assert.equal(answered?.response, '<QBXML/>');
        const waiting = await qbdQueue.findKeyed('c1', 'move:mva-1');
        assert.equal(waiting?.status, 'queued');
        assert.equal(waiting?.requestType, 'InventoryAdjustmentAddRq');
        const activity = await qbdQueue.connectorActivity('c1');
        assert.equal(activity.username, 'qbwc-c1');
        assert.equal(activity.waiting, 1);
        assert.deepEqual(
          activity.sessionMessages.map((m) => m.message),
          ['QuickBooks was closed'],
        );
        assert.deepEqual(await qbdWebConnectorFiles.get('c1'), {
          appUrl: 'https://sync.example.com/qbwc',
          runEverySeconds: 120,
        });
        assert.deepEqual(await meteredReads.ofMonth('2026-12'), [{ connectionId: 'c9', reads: 41 }]);

        assert.deepEqual(await migrate(fresh.db), migrationsFrom('001-initial'));
        assert.deepEqual(await schemaOf(fresh.db), await schemaOf(before.db));
        const recorded = async (db: Db) =>
          (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
        assert.deepEqual(await recorded(fresh.db), await recorded(before.db));
      } finally {
        await before.drop();
        await fresh.drop();
      }
    });
  });
}
