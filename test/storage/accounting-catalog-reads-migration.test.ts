import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';

for (const database of testDatabases()) {
  describe(`accounting catalog reads (migration 018) on ${database.name}`, () => {
    it('keeps every connection’s last whole-catalog read under the side-neutral table, and records new ones there', async () => {
      const { db, drop } = await database.open({ migrateUpTo: '017-side-neutral-link-plans' });
      try {
        await db.exec(`
          INSERT INTO connections (id, display_name) VALUES ('c1', 'Acme'), ('c2', 'Bolt'), ('c3', 'Cog');
          INSERT INTO qbo_catalog_reads (connection_id, read_at)
            VALUES ('c1', '2026-12-01T06:00:00Z'), ('c2', '2026-11-30T23:59:59.5Z');
        `);
        assert.deepEqual(await migrate(db), migrationsFrom('018-accounting-catalog-reads'));
        const store = createStore(db, testSecretBox());

        assert.equal((await store.accountingCatalogReads.lastReadAt('c1'))?.toISOString(), '2026-12-01T06:00:00.000Z');
        assert.equal((await store.accountingCatalogReads.lastReadAt('c2'))?.toISOString(), '2026-11-30T23:59:59.500Z');
        assert.equal(await store.accountingCatalogReads.lastReadAt('c3'), null);

        await store.accountingCatalogReads.recordRead('c1', new Date('2026-12-02T06:00:00Z'));
        await store.accountingCatalogReads.recordRead('c3', new Date('2026-12-02T07:00:00Z'));
        assert.equal((await store.accountingCatalogReads.lastReadAt('c1'))?.toISOString(), '2026-12-02T06:00:00.000Z');
        assert.equal((await store.accountingCatalogReads.lastReadAt('c3'))?.toISOString(), '2026-12-02T07:00:00.000Z');
        const [old] = await db.query<{ table: string | null }>(
          `SELECT to_regclass('qbo_catalog_reads')::text AS table`,
        );
        assert.equal(old?.table, null, 'the table is renamed, not copied');

        // A connection removed takes its read with it, as before the rename.
        await db.exec(`DELETE FROM connections WHERE id = 'c2'`);
        const [left] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounting_catalog_reads');
        assert.equal(left?.n, 2);
      } finally {
        await drop();
      }
    });
  });
}
