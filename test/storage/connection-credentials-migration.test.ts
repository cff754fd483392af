import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';
import { credentialFields, storedCredentials } from '../support/stored-credentials.js';
import { sideAccounts } from '../../integrations/registry.js';
import { readConnectionSettings } from '../../integrations/connection-settings.js';

const MIGRATION = '023-connection-credentials';
const all = migrationsFrom('001-initial');
const previous = all[all.indexOf(MIGRATION) - 1] ?? '';

/** Settings as migration 022 left them: 023 moves credentials only, so they stay as they were. */
const perSideSettings = {
  productMaster: 'accounting',
  minQuantity: 2,
  nonInventoryQuantity: 7,
  reconcileEvery: '1h',
  accounting: { system: 'qbo', quantityWrite: 'qty-on-hand', accounts: { incomeAccountId: '79' } },
  field: { system: 'zuper', defaultLocationUid: 'L1' },
};

const tokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessTokenExpiresAt: new Date('2026-12-08T02:00:00.123Z'),
  refreshTokenExpiresAt: new Date('2027-03-01T00:00:00Z'),
};

for (const database of testDatabases()) {
  describe(`credentials per connection and system (migration 023) on ${database.name}`, () => {
    it('moves every vendor column’s credentials, still sealed, and each still opens and finds its connection', async () => {
      const { db, drop } = await database.open({ migrateUpTo: previous });
      try {
        const secrets = testSecretBox();
        const seal = (value: string) => secrets.seal(value);
        const sealedTokens = seal(JSON.stringify({ ...tokens, refreshHardCapped: true }));
        await db.query(
          `INSERT INTO connections (id, display_name, qbo_realm_id, qbo_tokens_sealed, qbo_access_expires_at,
             qbo_refresh_expires_at, qbo_refresh_hard_capped, zuper_company, zuper_api_url, zuper_api_key_sealed,
             zuper_webhook_secret_sealed, settings)
           VALUES ('online', 'Online', 'realm-1', $1, $2, $3, true, 'acme', 'https://z.example/api', $4, $5, $6::jsonb)`,
          [
            sealedTokens,
            tokens.accessTokenExpiresAt,
            tokens.refreshTokenExpiresAt,
            seal('zuper-key'),
            seal('hook'),
            JSON.stringify(perSideSettings),
          ],
        );
        await db.query(
          `INSERT INTO connections (id, display_name, accounting_system, qbd_username, qbd_password_sealed,
             zuper_company, zuper_api_url)
           VALUES ('desktop', 'Desktop', 'qbd', 'qbwc-desktop', $1, 'bolt', 'https://z.example/api')`,
          [seal('web-connector-password')],
        );
        await db.query(`INSERT INTO connections (id, display_name) VALUES ('bare', 'Bare')`);

        assert.deepEqual(await migrate(db), migrationsFrom(MIGRATION));
        const store = createStore(db, secrets);
        const credentials = storedCredentials(store);

        const [moved] = await db.query<{ tokens: string }>(
          `SELECT secrets_sealed ->> 'tokens' AS tokens FROM connection_credentials WHERE connection_id = 'online' AND system = 'qbo'`,
        );
        assert.equal(moved?.tokens, sealedTokens, 'the sealed text moved as it was, never opened');
        assert.deepEqual(await credentials.loadQboTokens('online'), tokens);
        assert.deepEqual(await credentials.loadZuper('online'), {
          apiUrl: 'https://z.example/api',
          apiKey: 'zuper-key',
          webhookSecret: 'hook',
        });
        assert.deepEqual(await credentials.findQbdLogin('qbwc-desktop'), {
          connectionId: 'desktop',
          password: 'web-connector-password',
        });

        const online = await store.connections.get('online');
        assert.deepEqual(online.connectedSystems, ['qbo', 'zuper']);
        assert.deepEqual(online.storedSettings, perSideSettings, 'the settings column is kept as 022 left it');
        assert.deepEqual(readConnectionSettings(online), perSideSettings);
        assert.deepEqual(credentialFields(online), {
          qboRealmId: 'realm-1',
          hasQboTokens: true,
          qboRefreshExpiresAt: tokens.refreshTokenExpiresAt,
          qboRefreshHardCapped: true,
          hasZuperKey: true,
          zuperCompany: 'acme',
          zuperApiUrl: 'https://z.example/api',
        });
        const desktop = await store.connections.get('desktop');
        assert.deepEqual(desktop.connectedSystems, ['qbd'], 'a company without a key is shown, not connected');
        assert.deepEqual(sideAccounts(desktop), {
          accounting: { system: 'qbd', connected: true, account: 'qbwc-desktop' },
          field: { system: 'zuper', connected: false, account: 'bolt' },
        });
        assert.deepEqual((await store.connections.get('bare')).credentials, {});

        // Expiry times are read without opening the tokens, to the millisecond.
        const [times] = await db.query<{ details: unknown }>(
          `SELECT details FROM connection_credentials WHERE connection_id = 'online' AND system = 'qbo'`,
        );
        assert.deepEqual(times?.details, {
          accessExpiresAt: '2026-12-08T02:00:00.123Z',
          refreshExpiresAt: '2027-03-01T00:00:00.000Z',
          refreshHardCapped: true,
        });
        const [columns] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM information_schema.columns
            WHERE table_name = 'connections' AND (column_name LIKE 'qbo%' OR column_name LIKE 'zuper%' OR column_name LIKE 'qbd%')`,
        );
        assert.equal(columns?.n, 0, 'no vendor column is left on connections');
      } finally {
        await drop();
      }
    });
  });
}
