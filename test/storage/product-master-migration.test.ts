import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, createStore, type Store } from '../../integrations/store.js';
import { readConnectionSettings, storableSettings } from '../../integrations/connection-settings.js';
import { testSecretBox } from '../support/secrets.js';

/** A connection's settings as the sync reads them. */
const settingsOf = async (store: Store, id: string) => readConnectionSettings(await store.connections.get(id));

/** Settings as the version before 019 saved them: the product master named a system. */
const olderSettings = (productMaster: string) => ({
  productMaster,
  defaultLocationUid: 'L1',
  minQuantity: 2,
  nonInventoryQuantity: 0,
  accounts: { incomeAccountId: '79' },
  qbdAccounts: { adjustment: 'Inventory Adjustments' },
  qboQuantityWrite: 'qty-on-hand',
  reconcileEvery: '1h',
});

for (const database of testDatabases()) {
  describe(`product master by side (migration 019) on ${database.name}`, () => {
    it('migrates settings written by the schema before it: the master names its side, nothing else changes', async () => {
      const { db, drop } = await database.open({ migrateUpTo: '018-accounting-catalog-reads' });
      try {
        const connection = async (id: string, accountingSystem: string, settings: unknown) =>
          db.query(
            `INSERT INTO connections (id, display_name, accounting_system, settings) VALUES ($1, $1, $2, $3::jsonb)`,
            [id, accountingSystem, JSON.stringify(settings)],
          );
        // QuickBooks Online and QuickBooks Desktop connections whose accounting side is master (both stored `qbo`),
        // one whose field side is, one written as `qbd`, and one not configured yet.
        await connection('qbo-master', 'qbo', olderSettings('qbo'));
        await connection('qbd-master', 'qbd', olderSettings('qbo'));
        await connection('zuper-master', 'qbd', olderSettings('zuper'));
        await connection('qbd-word', 'qbd', olderSettings('qbd'));
        await connection('unconfigured', 'qbo', {});

        assert.deepEqual(await migrate(db, { upTo: '019-product-master-side' }), ['019-product-master-side']);

        const stored = new Map(
          (await db.query<{ id: string; settings: unknown }>('SELECT id, settings FROM connections')).map((r) => [
            r.id,
            r.settings,
          ]),
        );
        assert.deepEqual(stored.get('qbo-master'), olderSettings('accounting'));
        assert.deepEqual(stored.get('qbd-master'), olderSettings('accounting'));
        assert.deepEqual(stored.get('zuper-master'), olderSettings('field'));
        assert.deepEqual(stored.get('qbd-word'), olderSettings('accounting'));
        assert.deepEqual(stored.get('unconfigured'), {}, 'settings never saved stay empty');

        // The store reads a database migrated to the last migration (its connections' credentials arrive in 023).
        await migrate(db);
        const store = createStore(db, testSecretBox());
        assert.equal((await settingsOf(store, 'qbd-master'))?.productMaster, 'accounting');
        assert.equal((await settingsOf(store, 'zuper-master'))?.productMaster, 'field');
        assert.equal(await settingsOf(store, 'unconfigured'), null);
      } finally {
        await drop();
      }
    });

    it('reads settings an older process saves after the migration (a rolling upgrade) by their side', async () => {
      const { db, drop } = await database.open();
      try {
        await db.query(
          `INSERT INTO connections (id, display_name, accounting_system, settings) VALUES
          ('late-qbo', 'late', 'qbd', $1::jsonb), ('late-zuper', 'late', 'qbo', $2::jsonb)`,
          [JSON.stringify(olderSettings('qbo')), JSON.stringify(olderSettings('zuper'))],
        );
        const store = createStore(db, testSecretBox());
        assert.equal((await settingsOf(store, 'late-qbo'))?.productMaster, 'accounting');
        assert.equal((await settingsOf(store, 'late-zuper'))?.productMaster, 'field');
        await store.connections.saveSettings('late-qbo', storableSettings((await settingsOf(store, 'late-qbo'))!));
        const [row] = await db.query<{ settings: { productMaster: string } }>(
          `SELECT settings FROM connections WHERE id = 'late-qbo'`,
        );
        assert.equal(row?.settings.productMaster, 'accounting', 'saving again writes the side');
      } finally {
        await drop();
      }
    });
  });
}
