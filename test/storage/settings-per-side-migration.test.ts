import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore, type Store } from '../../integrations/store.js';
import { readConnectionSettings, storableSettings } from '../../integrations/connection-settings.js';
import { testSecretBox } from '../support/secrets.js';

const MIGRATION = '022-settings-per-side';
const all = migrationsFrom('001-initial');
const previous = all[all.indexOf(MIGRATION) - 1] ?? '';

/** A connection's settings as the sync reads them. */
const settingsOf = async (store: Store, id: string) => readConnectionSettings(await store.connections.get(id));

/** Settings as the version before 022 saved them: every system's settings flat beside the shared ones. */
const qboConnectionSettings = {
  productMaster: 'accounting',
  defaultLocationUid: 'L1',
  minQuantity: 2,
  nonInventoryQuantity: 7,
  accounts: { incomeAccountId: '79', cogsAccountId: '80', assetAccountId: '81', adjustmentAccountId: '86' },
  qboQuantityWrite: 'qty-on-hand',
  reconcileEvery: '1h',
};
const qbdConnectionSettings = {
  productMaster: 'field',
  defaultLocationUid: 'L2',
  minQuantity: 0,
  nonInventoryQuantity: 100,
  accounts: {},
  qbdAccounts: {
    income: 'Sales:Parts',
    cogs: 'Cost of Goods Sold',
    asset: 'Inventory Asset',
    adjustment: 'Inventory Adjustments',
    nonInventoryIncome: 'Supplies Income',
    serviceIncome: 'Labour Income',
  },
  qbdSite: 'Van 1',
  // Written for every connection, though QuickBooks Desktop never read it.
  qboQuantityWrite: 'inventory-adjustment',
  reconcileEvery: '24h',
};

/** What each of them becomes: the shared settings, and each side's own under it, naming its system. */
const qboPerSide = {
  productMaster: 'accounting',
  minQuantity: 2,
  nonInventoryQuantity: 7,
  reconcileEvery: '1h',
  accounting: { system: 'qbo', quantityWrite: 'qty-on-hand', accounts: qboConnectionSettings.accounts },
  field: { system: 'zuper', defaultLocationUid: 'L1' },
};
const qbdPerSide = {
  productMaster: 'field',
  minQuantity: 0,
  nonInventoryQuantity: 100,
  reconcileEvery: '24h',
  accounting: { system: 'qbd', accounts: qbdConnectionSettings.qbdAccounts, site: 'Van 1' },
  field: { system: 'zuper', defaultLocationUid: 'L2' },
};

for (const database of testDatabases()) {
  describe(`settings per side (migration 022) on ${database.name}`, () => {
    it('migrates settings written by the schema before it: each side keeps its own, every value survives', async () => {
      const { db, drop } = await database.open({ migrateUpTo: previous });
      try {
        const connection = async (id: string, accountingSystem: string, settings: unknown) =>
          db.query(
            `INSERT INTO connections (id, display_name, accounting_system, settings) VALUES ($1, $1, $2, $3::jsonb)`,
            [id, accountingSystem, JSON.stringify(settings)],
          );
        await connection('qbo-connection', 'qbo', qboConnectionSettings);
        await connection('qbd-connection', 'qbd', qbdConnectionSettings);
        // Saved before a setting had a default: what the schema then filled in is written now.
        await connection('qbd-without-site', 'qbd', { productMaster: 'accounting', defaultLocationUid: 'L3' });
        await connection('unconfigured', 'qbo', {});

        assert.deepEqual(await migrate(db), migrationsFrom(MIGRATION));

        const stored = new Map(
          (await db.query<{ id: string; settings: unknown }>('SELECT id, settings FROM connections')).map((r) => [
            r.id,
            r.settings,
          ]),
        );
        assert.deepEqual(stored.get('qbo-connection'), qboPerSide);
        assert.deepEqual(stored.get('qbd-connection'), qbdPerSide);
        assert.deepEqual(stored.get('qbd-without-site'), {
          productMaster: 'accounting',
          accounting: { system: 'qbd', accounts: {} },
          field: { system: 'zuper', defaultLocationUid: 'L3' },
        });
        assert.deepEqual(stored.get('unconfigured'), {}, 'settings never saved stay empty');

        const store = createStore(db, testSecretBox());
        assert.deepEqual(await settingsOf(store, 'qbo-connection'), qboPerSide);
        assert.deepEqual(await settingsOf(store, 'qbd-connection'), qbdPerSide);
        assert.deepEqual(await settingsOf(store, 'qbd-without-site'), {
          productMaster: 'accounting',
          minQuantity: 0,
          nonInventoryQuantity: 0,
          reconcileEvery: '15m',
          accounting: { system: 'qbd', accounts: {} },
          field: { system: 'zuper', defaultLocationUid: 'L3' },
        });
        assert.equal(await settingsOf(store, 'unconfigured'), null);
        assert.deepEqual(await migrate(db), [], 'applied once');
      } finally {
        await drop();
      }
    });

    it('reads settings an older process saves after the migration (a rolling upgrade) per side', async () => {
      const { db, drop } = await database.open();
      try {
        await db.query(
          `INSERT INTO connections (id, display_name, accounting_system, settings) VALUES
          ('late-qbo', 'late', 'qbo', $1::jsonb), ('late-qbd', 'late', 'qbd', $2::jsonb)`,
          [JSON.stringify(qboConnectionSettings), JSON.stringify(qbdConnectionSettings)],
        );
        const store = createStore(db, testSecretBox());
        assert.deepEqual(await settingsOf(store, 'late-qbo'), qboPerSide);
        assert.deepEqual(await settingsOf(store, 'late-qbd'), qbdPerSide);
        await store.connections.saveSettings('late-qbd', storableSettings((await settingsOf(store, 'late-qbd'))!));
        const [row] = await db.query<{ settings: unknown }>(`SELECT settings FROM connections WHERE id = 'late-qbd'`);
        assert.deepEqual(row?.settings, qbdPerSide, 'saving again writes them per side');
      } finally {
        await drop();
      }
    });
  });
}
