import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { createSecretBox } from '../../security/secret-box.js';
import { createStore } from '../../integrations/store.js';
import type { Db } from '../../storage/db.js';
import { storedCredentials } from '../support/stored-credentials.js';

const oldKey = { id: 'old', key: randomBytes(32) };
const newKey = { id: 'new', key: randomBytes(32) };
const tokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessTokenExpiresAt: new Date('2026-12-01T00:00:00Z'),
  refreshTokenExpiresAt: new Date('2027-03-01T00:00:00Z'),
};

const sealedValues = async (db: Db) =>
  db.query<Record<string, string | null>>(
    `SELECT q.secrets_sealed ->> 'tokens' AS qbo_tokens_sealed, z.secrets_sealed ->> 'apiKey' AS zuper_api_key_sealed,
            z.secrets_sealed ->> 'webhookSecret' AS zuper_webhook_secret_sealed,
            d.secrets_sealed ->> 'password' AS qbd_password_sealed
       FROM connections c
       LEFT JOIN connection_credentials q ON q.connection_id = c.id AND q.system = 'qbo'
       LEFT JOIN connection_credentials z ON z.connection_id = c.id AND z.system = 'zuper'
       LEFT JOIN connection_credentials d ON d.connection_id = c.id AND d.system = 'qbd'
      ORDER BY c.id`,
  );

for (const database of testDatabases()) {
  describe(`re-sealing secrets after a key rotation on ${database.name}`, () => {
    let opened: Awaited<ReturnType<TestDatabase['open']>>;
    before(async () => {
      opened = await database.open();
      const before = createStore(opened.db, createSecretBox(oldKey));
      await before.connections.create('a', 'A');
      await storedCredentials(before).saveQbo('a', 'realm-a', tokens);
      await storedCredentials(before).saveZuper('a', 'acme', 'https://z.example/api', 'zuper-key-a', 'hook-a');
      await storedCredentials(before).saveQbd('a', 'qbwc-a', 'web-connector-password-a');
      await before.connections.create('b', 'B');
      await storedCredentials(before).saveZuper('b', 'bee', 'https://z.example/api', 'zuper-key-b', 'hook-b');
      // Sealed with a key the rotated process does not know: it must not stop the others from moving.
      const stranger = createStore(opened.db, createSecretBox({ id: 'lost', key: randomBytes(32) }));
      await stranger.connections.create('c', 'C');
      await storedCredentials(stranger).saveZuper('c', 'sea', 'https://z.example/api', 'zuper-key-c', 'hook-c');
    });
    after(() => opened.drop());

    it('moves every value to the current key once, after which the old key is no longer needed', async () => {
      const rotated = createStore(opened.db, createSecretBox(newKey, [oldKey]));
      assert.equal(await rotated.credentials.resealSecrets(), 6);
      assert.equal(await rotated.credentials.resealSecrets(), 0, 'nothing left under the old key');
      const [a, b, c] = await sealedValues(opened.db);
      for (const row of [a, b]) {
        for (const value of Object.values(row!)) if (value) assert.match(value, /^v1\.new\./);
      }
      assert.match(String(c?.zuper_api_key_sealed), /^v1\.lost\./, 'the unreadable value is left as it was');
      const newKeyOnly = createStore(opened.db, createSecretBox(newKey));
      assert.deepEqual(await storedCredentials(newKeyOnly).loadQboTokens('a'), tokens);
      assert.deepEqual(await storedCredentials(newKeyOnly).findQbdLogin('qbwc-a'), {
        connectionId: 'a',
        password: 'web-connector-password-a',
      });
      assert.deepEqual(
        [
          (await storedCredentials(newKeyOnly).loadZuper('a')).apiKey,
          (await storedCredentials(newKeyOnly).loadZuper('b')).webhookSecret,
        ],
        ['zuper-key-a', 'hook-b'],
      );
    });
  });
}
