import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';

const MIGRATION = '021-side-named-cursors';
const all = migrationsFrom('001-initial');
const previous = all[all.indexOf(MIGRATION) - 1] ?? '';

for (const database of testDatabases()) {
  describe(`side-named change cursors (migration 021) on ${database.name}`, () => {
    it('keeps every connection’s watch and movement-list position under the renamed tables, and saves new ones there', async () => {
      const { db, drop } = await database.open({ migrateUpTo: previous });
      try {
        await db.exec(`
          INSERT INTO connections (id, display_name) VALUES ('c1', 'Acme'), ('c2', 'Bolt');
          INSERT INTO qbo_adjustment_cursors (connection_id, changed_since, seen_ids)
            VALUES ('c1', '2026-12-01T06:00:00Z', ARRAY['adj-1', 'adj-2']);
          INSERT INTO zuper_movement_cursors (connection_id, seen, last_transaction_uid) VALUES ('c1', 42, 'tx-42');
        `);
        assert.deepEqual(await migrate(db), migrationsFrom(MIGRATION));
        const store = createStore(db, testSecretBox());

        assert.deepEqual(await store.adjustmentCursors.get('c1'), {
          changedSince: new Date('2026-12-01T06:00:00Z'),
          seenIds: ['adj-1', 'adj-2'],
        });
        assert.deepEqual(await store.movementListCursors.get('c1'), { seen: 42, lastUid: 'tx-42' });
        assert.equal(await store.adjustmentCursors.get('c2'), null);

        await store.adjustmentCursors.save('c2', { changedSince: new Date('2026-12-02T07:00:00Z'), seenIds: [] });
        await store.movementListCursors.save('c1', { seen: 43, lastUid: 'tx-43' });
        assert.deepEqual(await store.adjustmentCursors.get('c2'), {
          changedSince: new Date('2026-12-02T07:00:00Z'),
          seenIds: [],
        });
        assert.deepEqual(await store.movementListCursors.get('c1'), { seen: 43, lastUid: 'tx-43' });
        const [old] = await db.query<{ watch: string | null; list: string | null }>(
          `SELECT to_regclass('qbo_adjustment_cursors')::text AS watch, to_regclass('zuper_movement_cursors')::text AS list`,
        );
        assert.deepEqual(old, { watch: null, list: null }, 'the tables are renamed, not copied');
      } finally {
        await drop();
      }
    });
  });
}
