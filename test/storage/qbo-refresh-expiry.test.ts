import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';
import { storedCredentials } from '../support/stored-credentials.js';
import { credentialFields } from '../support/stored-credentials.js';

const tokens = (refreshHardCapped?: boolean) => ({
  accessToken: 'access',
  refreshToken: 'refresh',
  accessTokenExpiresAt: new Date('2028-10-01T01:00:00Z'),
  refreshTokenExpiresAt: new Date('2028-10-11T00:00:00Z'),
  ...(refreshHardCapped === undefined ? {} : { refreshHardCapped }),
});

for (const database of testDatabases()) {
  describe(`the QuickBooks refresh expiry on ${database.name}`, () => {
    let store: Store;
    withTestStore(database, (opened) => (store = opened));

    it('records whether the refresh expiry is the hard cap, and forgets it with the authorisation', async () => {
      await store.connections.create('capped', 'Capped');
      await storedCredentials(store).saveQbo('capped', 'realm-capped', tokens(true));
      const capped = await store.connections.get('capped');
      assert.deepEqual(
        [credentialFields(capped).qboRefreshExpiresAt, credentialFields(capped).qboRefreshHardCapped],
        [new Date('2028-10-11T00:00:00Z'), true],
      );
      await storedCredentials(store).saveQbo('capped', 'realm-capped', tokens());
      assert.equal(
        credentialFields(await store.connections.get('capped')).qboRefreshHardCapped,
        false,
        'a rolling expiry again',
      );
      await storedCredentials(store).saveQbo('capped', 'realm-capped', tokens(true));
      await storedCredentials(store).clearQbo('capped');
      assert.equal(credentialFields(await store.connections.get('capped')).qboRefreshHardCapped, false);
    });
  });
}
