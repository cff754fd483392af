import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConnectionClients } from '../../../integrations/connection-clients.js';
import { createRateLimiter } from '../../../integrations/rate-limiter.js';
import { createReadMeter, type ReadMeter } from '../../../integrations/read-meter.js';
import { meteredMonth } from '../../../domain/metered-reads.js';
import { selectQuery } from '../../../integrations/qbo/query-builder.js';
import type { Store } from '../../../integrations/store.js';
import { testDatabases, withTestStore } from '../../support/databases.js';
import { clientId, standardAccounts, startEmulatorSetup, type EmulatorSetup } from './support/emulator.js';
import { storedQboTokens } from '../../support/qbo-tokens.js';
import { storedCredentials } from '../../support/stored-credentials.js';

/** Real QBO client calls against the emulator, through the service's connection clients, counted in the store. */
for (const database of testDatabases()) {
  describe(`metered QuickBooks reads on ${database.name}`, () => {
    let store: Store;
    let s: EmulatorSetup;
    withTestStore(database, (opened) => (store = opened));
    before(async () => {
      s = await startEmulatorSetup();
    });
    after(() => s.close());

    /** A connection to the emulator's company with its own meter, which writes only when flushed. */
    const connect = async (connectionId: string, meter: ReadMeter, realmId: string) => {
      await store.connections.create(connectionId, connectionId);
      const issued = s.emu.admin.issueTokens({ clientId, realmId });
      await storedCredentials(store).saveQbo(connectionId, realmId, storedQboTokens(issued));
      const limiter = createRateLimiter(store, {
        qboRequestsPerMinute: 60_000,
        qboBatchesPerMinute: 6000,
        zuperRequestsPerMinute: 60_000,
      });
      const clients = createConnectionClients({
        store,
        qboConfig: s.config,
        limiter,
        readMeter: meter,
        monthlyReadAllowance: 1000,
      });
      return { clients, qbo: await clients.qbo(connectionId) };
    };

    it('counts reads, queries, CDC and the queries in a batch, and no write', async () => {
      const meter = createReadMeter(store, { flushMs: 3_600_000 });
      const { clients, qbo } = await connect('metered-a', meter, s.realmId);
      await qbo.getCompanyInfo(); // 1
      const created = await qbo.createItem(
        {
          Name: 'Metered widget',
          Type: 'Inventory',
          TrackQtyOnHand: true,
          QtyOnHand: 3,
          InvStartDate: '2025-01-01',
          ...standardAccounts,
        },
        { requestId: 'metered-create-1' },
      ); // write: 0
      assert.equal((await qbo.getItem(created.Id))?.Name, 'Metered widget'); // 2
      await qbo.query(selectQuery('Item', { maxResults: 10 })); // 3
      await qbo.cdc(['Item'], new Date(Date.now() - 3600_000)); // 4
      await qbo.batch([
        { bId: 'q1', query: selectQuery('Item', { maxResults: 1 }) },
        { bId: 'q2', query: selectQuery('Account', { maxResults: 1 }) },
        {
          bId: 'c1',
          operation: 'create',
          entity: 'Item',
          body: { Name: 'Batch widget', Type: 'NonInventory', ...standardAccounts },
        },
      ]); // 6
      await qbo.updateItemSparse(
        { Id: created.Id, SyncToken: created.SyncToken, Name: 'Renamed widget' },
        { requestId: 'metered-upd-1' },
      ); // write: 0

      const month = meteredMonth(new Date());
      assert.deepEqual(await store.meteredReads.ofMonth(month), [], 'nothing is written before the flush');
      const before = await clients.readsThisMonth();
      assert.deepEqual(before.perConnection, [{ connectionId: 'metered-a', reads: 6 }], 'pending counts are shown');

      await meter.flush();
      assert.deepEqual(await store.meteredReads.ofMonth(month), [{ connectionId: 'metered-a', reads: 6 }]);
      const { usage, perConnection } = await clients.readsThisMonth();
      assert.deepEqual(perConnection, [{ connectionId: 'metered-a', reads: 6 }], 'flushed counts are not doubled');
      assert.equal(usage.reads, 6);
      assert.equal(usage.allowance, 1000);
    });

    it('adds up across processes and connections, per connection', async () => {
      const one = createReadMeter(store, { flushMs: 3_600_000 });
      const two = createReadMeter(store, { flushMs: 3_600_000 });
      const b1 = await connect('metered-b', one, s.emu.admin.createRealm().realmId);
      await b1.qbo.getPreferences();
      await b1.qbo.getPreferences();
      await one.flush();
      const b2 = createConnectionClients({
        store,
        qboConfig: s.config,
        limiter: createRateLimiter(store, {
          qboRequestsPerMinute: 60_000,
          qboBatchesPerMinute: 6000,
          zuperRequestsPerMinute: 60_000,
        }),
        readMeter: two,
      });
      await (await b2.qbo('metered-b')).getCompanyInfo();
      await two.flush();
      const month = meteredMonth(new Date());
      const rows = await store.meteredReads.ofMonth(month);
      assert.deepEqual(
        rows.filter((r) => r.connectionId === 'metered-b'),
        [{ connectionId: 'metered-b', reads: 3 }],
      );
      assert.equal((await b2.readsThisMonth()).usage.reads, 9, 'the app-wide total holds every connection');
    });
  });
}
