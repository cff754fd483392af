import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';

for (const database of testDatabases()) {
  describe(`item names on history rows (${database.name})`, () => {
    it('migration 008 names earlier rows of items a linking plan created, and leaves the others without a name', async () => {
      // The schema before 008, with rows as an earlier version wrote them.
      const { db, drop } = await database.open({ migrateUpTo: '007-operator-tokens' });
      try {
        await db.query("INSERT INTO connections (id, display_name) VALUES ('acme', 'Acme')");
        const row = (values: string) =>
          db.query(
            `INSERT INTO sync_runs (connection_id, kind, status, qbo_item_id, zuper_product_uid, summary, details) VALUES ${values}`,
          );
        await row(
          `('acme', 'link', 'succeeded', NULL, NULL, 'Linking', '${JSON.stringify({
            actions: [
              { action: 'create', in: 'zuper', fromId: '2', name: 'Copper Fitting 2', kind: 'inventory' },
              { action: 'create', in: 'qbo', fromId: 'zp-9', name: 'Gasket', kind: 'inventory' },
              { action: 'keep', qboItemId: '5', zuperProductUid: 'zp-5' },
            ],
          })}')`,
        );
        await row(`('acme', 'quantity', 'succeeded', '2', 'zp-2', 'Quantity settled', NULL)`);
        await row(`('acme', 'item', 'succeeded', '11', 'zp-9', 'Copied', NULL)`);
        await row(`('acme', 'quantity', 'succeeded', '5', 'zp-5', 'Quantity settled', NULL)`);
        assert.deepEqual(await migrate(db, { upTo: '008-history-item-names' }), ['008-history-item-names']);
        const names = await db.query<{ qbo_item_id: string | null; item_name: string | null }>(
          "SELECT qbo_item_id, item_name FROM sync_runs WHERE kind <> 'link' ORDER BY id",
        );
        assert.deepEqual(names, [
          { qbo_item_id: '2', item_name: 'Copper Fitting 2' },
          { qbo_item_id: '11', item_name: 'Gasket' },
          { qbo_item_id: '5', item_name: null },
        ]);
      } finally {
        await drop();
      }
    });

    it('a row recorded without a name keeps the last name recorded for the same item; other items stay unnamed', async () => {
      const { db, drop } = await database.open();
      try {
        const store = createStore(db, testSecretBox());
        await store.connections.create('acme', 'Acme');
        const base = { connectionId: 'acme', kind: 'quantity', status: 'succeeded', summary: 's' } as const;
        await store.history.record({
          ...base,
          accountingItemId: '2',
          fieldItemId: 'zp-2',
          itemName: 'Copper Fitting 2',
        });
        const failure = await store.history.record({ ...base, status: 'failed', accountingItemId: '2' });
        const other = await store.history.record({ ...base, accountingItemId: '3', fieldItemId: 'zp-3' });
        const reconcile = await store.history.record({ ...base, kind: 'reconcile' });
        assert.equal((await store.history.get(failure))?.itemName, 'Copper Fitting 2');
        assert.equal((await store.history.get(other))?.itemName, null);
        assert.equal((await store.history.get(reconcile))?.itemName, null);
        // A renamed item: the newest name wins from then on.
        await store.history.record({
          ...base,
          accountingItemId: '2',
          fieldItemId: 'zp-2',
          itemName: 'Brass Fitting 2',
        });
        const after = await store.history.record({ ...base, fieldItemId: 'zp-2' });
        assert.equal((await store.history.get(after))?.itemName, 'Brass Fitting 2');
      } finally {
        await drop();
      }
    });
  });
}
