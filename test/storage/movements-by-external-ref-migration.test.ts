import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';

const MIGRATION = '026-movements-by-external-ref';
const all = migrationsFrom('001-initial');
const previous = all[all.indexOf(MIGRATION) - 1] ?? '';
const hour = 3_600_000;

for (const database of testDatabases()) {
  describe(`movements found by the system's reference (migration 026) on ${database.name}`, () => {
    it('keeps every ledger row, indexes the references, and finds our recent write by its reference alone', async () => {
      const { db, drop } = await database.open({ migrateUpTo: previous });
      try {
        await db.exec(`
          INSERT INTO connections (id, display_name) VALUES ('c1', 'Acme'), ('c2', 'Bolt');
          INSERT INTO settles (id, connection_id, accounting_item_id, field_item_id, base_before, accounting_seen, field_seen, base_after, reason)
            VALUES ('st-1', 'c1', '20', 'z-20', 7, 4, 8, 5, 'invoice'), ('st-2', 'c2', '30', 'z-30', 1, 1, 2, 1, 'invoice');
          INSERT INTO movements (id, settle_id, connection_id, accounting_item_id, side, qty_diff, external_ref) VALUES
            ('mv-a', 'st-1', 'c1', '20', 'accounting', 1, NULL),
            ('mv-f', 'st-1', 'c1', '20', 'field', -3, 'tx-1'),
            ('mv-other', 'st-2', 'c2', '30', 'field', 1, 'tx-2');
        `);
        assert.deepEqual(await migrate(db), migrationsFrom(MIGRATION));

        const rows = await db.query<{ id: string; side: string; qty_diff: string; external_ref: string | null }>(
          'SELECT id, side, qty_diff::text, external_ref FROM movements ORDER BY id',
        );
        assert.deepEqual(
          rows.map((r) => [r.id, r.side, Number(r.qty_diff), r.external_ref]),
          [
            ['mv-a', 'accounting', 1, null],
            ['mv-f', 'field', -3, 'tx-1'],
            ['mv-other', 'field', 1, 'tx-2'],
          ],
        );
        const [index] = await db.query<{ indexdef: string }>(
          `SELECT indexdef FROM pg_indexes WHERE tablename = 'movements' AND indexname = 'movements_by_external_ref'`,
        );
        assert.match(index?.indexdef ?? '', /\(connection_id, side, external_ref\) WHERE \(external_ref IS NOT NULL\)/);

        const { links } = createStore(db, testSecretBox());
        assert.equal(await links.isRecentOwnMovement('c1', 'field', 'tx-1', hour), true);
        assert.equal(await links.isRecentOwnMovement('c1', 'accounting', 'tx-1', hour), false, 'the other side');
        assert.equal(await links.isRecentOwnMovement('c1', 'field', 'tx-2', hour), false, "another connection's write");
        assert.equal(await links.isRecentOwnMovement('c1', 'field', 'tx-unknown', hour), false);
      } finally {
        await drop();
      }
    });
  });
}
