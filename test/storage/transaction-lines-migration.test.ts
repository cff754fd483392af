import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';

const MIGRATION = '024-transaction-lines';
const all = migrationsFrom('001-initial');
const previous = all[all.indexOf(MIGRATION) - 1] ?? '';

for (const database of testDatabases()) {
  describe(`transaction lines kept by the quantity watch (migration 024) on ${database.name}`, () => {
    it('keeps the item ids of rows written before without lines, and keeps, replaces and recalls lines by transaction', async () => {
      const { db, drop } = await database.open({ migrateUpTo: previous });
      try {
        await db.exec(`
          INSERT INTO connections (id, display_name) VALUES ('c1', 'Acme'), ('c2', 'Bolt');
          INSERT INTO transaction_items (connection_id, source, entity, entity_id, item_ids)
            VALUES ('c1', 'qbd', 'Invoice', 'T-1', ARRAY['I-1', 'I-2']);
        `);
        assert.deepEqual(await migrate(db), migrationsFrom(MIGRATION));
        const { transactionItems } = createStore(db, testSecretBox());
        const invoice = (id: string) => ({ entity: 'Invoice', id });

        assert.deepEqual(await transactionItems.recall('c1', 'qbd', 'Invoice', 'T-1'), ['I-1', 'I-2']);
        assert.equal((await transactionItems.recallLines('c1', 'qbd', [invoice('T-1')])).size, 0, 'no lines seen yet');

        const lines = [
          { itemId: 'I-1', siteId: null, quantity: 2 },
          { itemId: 'I-3', siteId: 'S-1', quantity: 1.5 },
        ];
        await transactionItems.rememberLines('c1', 'qbd', [
          { ...invoice('T-1'), version: '7', lines },
          { ...invoice('T-2'), version: null, lines: [] },
        ]);
        await transactionItems.rememberLines('c2', 'qbd', [{ ...invoice('T-1'), version: '9', lines: [] }]);

        const seen = await transactionItems.recallLines('c1', 'qbd', [invoice('T-1'), invoice('T-2'), invoice('T-3')]);
        assert.deepEqual(Object.fromEntries(seen), {
          'Invoice\u0000T-1': { version: '7', lines },
          'Invoice\u0000T-2': { version: null, lines: [] },
        });
        // The items of the lines now replace those of the row: what a deletion settles.
        assert.deepEqual((await transactionItems.recall('c1', 'qbd', 'Invoice', 'T-1')).sort(), ['I-1', 'I-3']);
        assert.deepEqual(Object.fromEntries(await transactionItems.recallLines('c2', 'qbd', [invoice('T-1')])), {
          'Invoice\u0000T-1': { version: '9', lines: [] },
        });
      } finally {
        await drop();
      }
    });
  });
}
