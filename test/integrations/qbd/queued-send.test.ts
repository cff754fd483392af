/**
 * The QuickBooks Desktop operations over the work queue, as sync steps run them: the emulator's Web Connector polls
 * the service's real /qbwc endpoint and carries the queued requests to the emulated company file. On every test
 * database.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { createStore, type Store } from '../../../integrations/store.js';
import { qbwcRoutes } from '../../../integrations/qbd/web-connector-routes.js';
import { defaultStepFollowUp } from '../../../integrations/qbd/web-connector.js';
import { enforceRouteAccess } from '../../../security/route-access.js';
import { accessGuards } from '../../../server/http/access-guards.js';
import { loadEnv } from '../../../config/env.js';
import {
  applyMovementOnce,
  readAllItems,
  updateItemDefinition,
  readItem,
} from '../../../integrations/qbd/operations.js';
import { QbdAwaitingWebConnector, runQueued, type QbdQueueAccess } from '../../../integrations/qbd/queued-send.js';
import { createQbdQuantitySide, qbdCapabilities } from '../../../integrations/qbd/quantity-side.js';
import { createQbdCatalogSide } from '../../../integrations/qbd/catalog-side.js';
import { qbdAccountsOf } from '../../../integrations/qbd/accounts.js';
import { createQbdUnannouncedChanges } from '../../../integrations/qbd/unannounced-changes.js';
import { ownMovementIdPattern } from '../../../domain/movement-id.js';
import { MissingItemError, SideRefusal } from '../../../integrations/port.js';
import { capabilitiesOf } from '../../../integrations/registry.js';
import { createQbdEmulator, type QbdEmulator, type WebConnectorSimulator } from '../../../emulators/qbd/index.js';
import { testDatabases } from '../../support/databases.js';
import { testSecretBox } from '../../support/secrets.js';
import { eventually } from '../../support/eventually.js';
import { storedCredentials } from '../../support/stored-credentials.js';

const connectionId = 'acme';
const username = 'acme-qbwc';
const password = 'a web connector password';
const env = loadEnv({
  NODE_ENV: 'test',
  DATA_DIR: 'memory',
  SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
  OPERATOR_TOKEN: 'operator-token-for-the-queued-send-tests',
});
const adjustmentsAccount = { fullName: 'Inventory Adjustments' };

const requestTypes = (connector: WebConnectorSimulator, session: number) =>
  (connector.sessions[session]?.exchanges ?? []).map((e) => /<(\w+Rq) requestID/.exec(e.request)?.[1]);

for (const database of testDatabases()) {
  describe(`QuickBooks Desktop steps over the work queue on ${database.name}`, () => {
    let drop: () => Promise<void>;
    let store: Store;
    let app: FastifyInstance;
    let appUrl: string;
    let connectionCount = 0;

    before(async () => {
      const opened = await database.open();
      drop = opened.drop;
      store = createStore(opened.db, testSecretBox());
      app = Fastify();
      enforceRouteAccess(app, accessGuards(env, store.operatorTokens));
      void app.register(qbwcRoutes({ store, queue: store.qbdQueue, endpointUrl: 'https://sync.example/qbwc' }));
      await app.listen({ host: '127.0.0.1', port: 0 });
      appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/qbwc`;
    });
    after(async () => {
      await app.close();
      await drop();
    });

    /** A connection of its own with a company file and its Web Connector (polled by hand: runSession). */
    async function connected(
      company: { inventorySites?: boolean } = {},
      endpointUrl = appUrl,
    ): Promise<{
      emu: QbdEmulator;
      connector: WebConnectorSimulator;
      access: QbdQueueAccess;
    }> {
      // Unique across the databases this file runs on: a chosen inventory site is kept per connection id in the process.
      const id = `${connectionId}-${database.name}-${++connectionCount}`;
      await store.connections.create(id, 'Acme');
      await storedCredentials(store).saveQbd(id, `${username}-${connectionCount}`, password);
      const emu = createQbdEmulator({ startAt: new Date('2026-03-02T10:00:00Z'), ...company });
      const connector = emu.connectWebConnector({
        appUrl: endpointUrl,
        userName: `${username}-${connectionCount}`,
        password,
      });
      return {
        emu,
        connector,
        access: {
          queue: store.qbdQueue,
          connectionId: id,
          waitMs: 30_000,
          pollMs: 20,
          heartbeat: () => {},
          cancellation: new AbortController().signal,
        },
      };
    }

    /** A Bolt of 10 on hand and a movement of it. */
    const boltMovement = (emu: QbdEmulator, movementId: string, quantityDifference: number, reason?: string) => {
      const [bolt] = emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 10 }]);
      const item = { listId: bolt!.listId };
      return { movementId, item, quantityDifference, account: adjustmentsAccount, ...(reason ? { reason } : {}) };
    };

    const queuedCount = async (access: QbdQueueAccess) => (await store.qbdQueue.list(access.connectionId)).length;

    /** Runs a session once a movement's step queued its lookup, and checks it carried the lookup and the adjustment. */
    async function appliedInOneSession<T>(connector: WebConnectorSimulator, access: QbdQueueAccess, step: Promise<T>) {
      await eventually(
        () => queuedCount(access),
        (n) => n === 1,
      );
      const report = await connector.runSession();
      assert.equal(report.outcome, 'completed');
      assert.deepEqual(requestTypes(connector, 0), ['InventoryAdjustmentQueryRq', 'InventoryAdjustmentAddRq']);
      return step;
    }

    it('applies a movement at the next session, its lookup and its adjustment in that one session', async () => {
      const { emu, connector, access } = await connected();
      const movement = boltMovement(emu, 'mva-0123456789abcdef', -3, 'Used on job 7');
      const step = runQueued(access, 'mv:mva-0123456789abcdef', (send) => applyMovementOnce(send, movement));

      const applied = await appliedInOneSession(connector, access, step);
      assert.equal(applied.alreadyApplied, false);
      assert.equal(emu.admin.quantityOnHand('Bolt'), 7);
      assert.deepEqual(
        emu.admin.adjustments().map((a) => [a.txnId, a.refNumber, a.memo]),
        [[applied.txnId, 'mva-0123456', 'Used on job 7 (mva-0123456789abcdef)']],
      );
    });

    it(
      'wakes a waiting step with its answer, not its clock: lookup and adjustment in one session',
      { timeout: 60_000 },
      async () => {
        // The step reads the queue every ten minutes at most and the endpoint every ten minutes while it holds the
        // session for the step's next request: only the queue's notifications can carry the step through the session.
        const tenMinutes = 600_000;
        const quiet = Fastify();
        enforceRouteAccess(quiet, accessGuards(env, store.operatorTokens));
        void quiet.register(
          qbwcRoutes({
            store,
            queue: store.qbdQueue,
            endpointUrl: 'https://sync.example/qbwc',
            followUp: { ...defaultStepFollowUp, pollMs: tenMinutes },
          }),
        );
        await quiet.listen({ host: '127.0.0.1', port: 0 });
        const cancelled = new AbortController();
        try {
          const { emu, connector, access } = await connected(
            {},
            `http://127.0.0.1:${(quiet.server.address() as { port: number }).port}/qbwc`,
          );
          const movement = boltMovement(emu, 'mva-wokenbynotice00', -2);
          const step = runQueued(
            { ...access, pollMs: tenMinutes, waitMs: tenMinutes, cancellation: cancelled.signal },
            'mv:mva-wokenbynotice00',
            (send) => applyMovementOnce(send, movement),
          );
          step.catch(() => {});

          assert.equal((await appliedInOneSession(connector, access, step)).alreadyApplied, false);
          assert.equal(emu.admin.quantityOnHand('Bolt'), 8);
          assert.equal(emu.admin.adjustments().length, 1);
        } finally {
          cancelled.abort();
          await quiet.close();
        }
      },
    );

    it('hands a step back to its retries when no session comes, and its retry finds the same request', async () => {
      const { emu, connector, access } = await connected();
      const movement = boltMovement(emu, 'mva-retriedstep0000', 5);
      const attempt = (waitMs: number) =>
        runQueued({ ...access, waitMs }, 'mv:mva-retriedstep0000', (send) => applyMovementOnce(send, movement));

      for (let n = 0; n < 2; n += 1) {
        await assert.rejects(attempt(100), (error: unknown) => {
          assert.ok(error instanceof QbdAwaitingWebConnector);
          assert.equal(error.retryable, true);
          assert.match(error.message, /waits for the QuickBooks Web Connector's next poll/);
          return true;
        });
      }
      assert.equal(await queuedCount(access), 1, 'the retry found its request instead of queueing another');

      const third = attempt(30_000);
      await connector.runSession();
      assert.equal((await third).alreadyApplied, false);
      assert.equal(emu.admin.quantityOnHand('Bolt'), 15);
      assert.equal(await queuedCount(access), 2);
      // A step retried after its answers came replays them and sends nothing more.
      assert.equal((await attempt(100)).txnId, (await third).txnId);
      assert.equal(await queuedCount(access), 2);
      assert.equal(emu.admin.adjustments().length, 1);
    });

    it('stops waiting as soon as its step is cancelled, and its retry finds the same request', async () => {
      const { emu, connector, access } = await connected();
      const movement = boltMovement(emu, 'mva-cancelledstep00', 4);
      const cancelled = new AbortController();
      const heartbeats: number[] = [];
      const step = runQueued(
        { ...access, cancellation: cancelled.signal, heartbeat: () => heartbeats.push(heartbeats.length) },
        'mv:mva-cancelledstep00',
        (send) => applyMovementOnce(send, movement),
      );
      await eventually(
        () => queuedCount(access),
        (n) => n === 1,
      );
      const reason = new Error('WORKER_SHUTDOWN');

      cancelled.abort(reason);

      await assert.rejects(step, (error: unknown) => error === reason);
      assert.ok(heartbeats.length > 0, 'the step heartbeat while it waited');
      assert.equal(connector.sessions.length, 0, 'no session came while the step waited');
      const retried = runQueued(access, 'mv:mva-cancelledstep00', (send) => applyMovementOnce(send, movement));
      await connector.runSession();
      assert.equal((await retried).alreadyApplied, false);
      assert.equal(emu.admin.quantityOnHand('Bolt'), 14);
      assert.equal(emu.admin.adjustments().length, 1);
      assert.equal(await queuedCount(access), 2, "the lookup the cancelled step queued, then its retry's adjustment");
    });

    it('applies nothing twice when the session drops after QuickBooks applied the adjustment', async () => {
      const { emu, connector, access } = await connected();
      const movement = boltMovement(emu, 'mva-lostanswer00000', 2);
      const step = runQueued(access, 'mv:mva-lostanswer00000', (send) => applyMovementOnce(send, movement));
      await eventually(
        () => queuedCount(access),
        (n) => n === 1,
      );
      emu.admin.setConnectorFaults({ loseResponseAfterRequests: 2 });
      assert.equal((await connector.runSession()).outcome, 'responseLost');
      assert.equal(emu.admin.quantityOnHand('Bolt'), 12);

      emu.admin.setConnectorFaults({ loseResponseAfterRequests: null });
      let settled: Awaited<typeof step> | undefined;
      void step.then((result) => (settled = result));
      for (let session = 1; session < 5 && settled === undefined; session += 1) {
        await connector.runSession();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      assert.ok(settled, 'the step ended');
      assert.equal(settled.alreadyApplied, true);
      assert.equal(emu.admin.quantityOnHand('Bolt'), 12);
      assert.deepEqual(
        emu.admin.adjustments().map((a) => a.txnId),
        [settled.txnId],
      );
      const adds = connector.sessions.flatMap((_, n) => requestTypes(connector, n));
      assert.equal(adds.filter((type) => type === 'InventoryAdjustmentAddRq').length, 1);
    });

    it('reads iterator pages and recovers from a stale EditSequence, every request in one session', async () => {
      const { emu, connector, access } = await connected();
      emu.admin.seedItems(
        Array.from({ length: 12 }, (_, i) => ({ fullName: `Part ${String(i).padStart(2, '0')}`, quantityOnHand: i })),
      );
      const step = runQueued(access, 'catalog:1', async (send) => {
        const items = await readAllItems(send, { maxReturned: 5 });
        const part = items.find((item) => item.name === 'Part 03')!;
        // An EditSequence read before someone saved the item: the change meets a 3200 and is sent again after a read.
        const updated = await updateItemDefinition(
          send,
          { id: part.id, type: 'ItemInventory', editSequence: '1' },
          { salesDesc: 'Brass' },
        );
        return { names: items.map((item) => item.name), updated, missing: await readItem(send, '99999-1') };
      });
      await eventually(
        () => queuedCount(access),
        (n) => n === 1,
      );

      const report = await connector.runSession();

      assert.equal(report.outcome, 'completed');
      const { names, updated, missing } = await step;
      assert.deepEqual(
        names,
        Array.from({ length: 12 }, (_, i) => `Part ${String(i).padStart(2, '0')}`),
      );
      assert.equal(updated.name, 'Part 03');
      assert.equal(emu.admin.getItem('Part 03').salesDesc, 'Brass');
      assert.equal(missing, null);
      assert.deepEqual(requestTypes(connector, 0), [
        'ItemQueryRq',
        'ItemQueryRq',
        'ItemQueryRq',
        'ItemInventoryModRq',
        'ItemQueryRq',
        'ItemInventoryModRq',
        'ItemQueryRq',
      ]);
      assert.equal(await queuedCount(access), 7, 'the queue continued no iterator of its own');
    });

    it('changes an item that another user saves before each of its two Mods in a next round, which its retry does not replay', async () => {
      const { emu, connector, access } = await connected();
      const [tap] = emu.admin.seedItems([{ fullName: 'Tap', quantityOnHand: 1 }]);
      emu.admin.editItemsBeforeNextMods(2);
      const change = () =>
        runQueued(access, 'catalog:3', async (send) => {
          const item = (await readItem(send, tap!.listId))!;
          return updateItemDefinition(
            send,
            { id: item.id, type: 'ItemInventory', editSequence: item.editSequence },
            {
              salesDesc: 'Chrome',
            },
          );
        });

      const updated = await whilePolling(connector, change());

      assert.equal(updated.salesDesc, 'Chrome');
      assert.equal(emu.admin.getItem('Tap').salesDesc, 'Chrome');
      const statuses = connector.sessions.flatMap((session) =>
        session.exchanges.map((exchange) =>
          typeof exchange.response === 'string' ? /statusCode="(\d+)"/.exec(exchange.response)?.[1] : 'hresult',
        ),
      );
      // Round one: read, Mod (3200), read again, Mod (3200); round two: read, Mod.
      assert.deepEqual(statuses, ['0', '3200', '0', '3200', '0', '0']);
      // The step retried (same key) replays the recorded rounds up to the change that landed: nothing more is sent.
      const queued = await queuedCount(access);
      assert.equal((await change()).salesDesc, 'Chrome');
      assert.equal(await queuedCount(access), queued);
    });

    it('reads again from its start a query whose iterator QuickBooks expired between pages, in the same session', async () => {
      const { emu, connector, access } = await connected();
      const names = Array.from({ length: 12 }, (_, i) => `Part ${String(i).padStart(2, '0')}`);
      emu.admin.seedItems(names.map((fullName) => ({ fullName, quantityOnHand: 1 })));
      emu.admin.expireNextIterators(1);
      const step = runQueued(access, 'catalog:2', (send) => readAllItems(send, { maxReturned: 5 }));
      await eventually(
        () => queuedCount(access),
        (n) => n === 1,
      );

      const report = await connector.runSession();

      assert.equal(report.outcome, 'completed');
      assert.deepEqual(
        (await step).map((item) => item.name),
        names,
      );
      // The first round's Continue met 3391; the next round started the iterator again and read all three pages.
      assert.deepEqual(
        report.exchanges.map((exchange) =>
          typeof exchange.response === 'string'
            ? /statusCode="(\d+)"/.exec(exchange.response)?.[1]
            : exchange.response.hresult,
        ),
        ['0', '3391', '0', '0', '0'],
      );
      assert.deepEqual(
        report.exchanges.map((exchange) => /iterator="(\w+)"/.exec(exchange.request)?.[1]),
        ['Start', 'Continue', 'Start', 'Continue', 'Continue'],
      );
    });

    /** Runs a call of a side while the Web Connector polls, until the call ends; answers it and the sessions run. */
    async function whilePolling<T>(connector: WebConnectorSimulator, call: Promise<T>): Promise<T> {
      let ended = false;
      const done = call.finally(() => (ended = true));
      // Awaited below, after the sessions: a rejection meanwhile is not unhandled.
      done.catch(() => {});
      for (let n = 0; n < 10 && !ended; n += 1) {
        await connector.runSession();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return done;
    }

    const sideOptions = (access: QbdQueueAccess, stepKey: string) => ({
      access,
      stepKey,
      accounts: qbdAccountsOf({}),
      sites: { named: undefined, fieldLocation: { id: 'loc-main', name: () => Promise.resolve('Main Warehouse') } },
    });

    it('is the quantity port: reads, and applies a movement once however often a step asks', async () => {
      const { emu, connector, access } = await connected();
      const [bolt] = emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 10 }]);
      const side = createQbdQuantitySide(sideOptions(access, 'wf-1/run-1/3'));
      assert.equal(side.system, 'qbd');
      assert.deepEqual(capabilitiesOf('qbd'), qbdCapabilities);
      const movement = {
        itemId: bolt!.listId,
        change: -3,
        movementId: 'mva-portmovement01',
        requestId: 'mva-portmovement01',
        reason: 'Zuper consumption',
        plannedAt: new Date(),
      };

      const txnId = await whilePolling(connector, side.applyMovement(movement, false));
      const after = await whilePolling(connector, side.readQuantity(bolt!.listId));
      const again = await side.applyMovement(movement, true);

      assert.deepEqual(after, { quantity: 7, name: 'Bolt' });
      assert.equal(again, txnId);
      assert.equal(emu.admin.quantityOnHand('Bolt'), 7);
      assert.deepEqual(
        emu.admin.adjustments().map((a) => [a.txnId, a.refNumber]),
        [[txnId, 'mva-portmov']],
      );
      await assert.rejects(
        whilePolling(
          connector,
          side.applyMovement({ ...movement, itemId: '99999-1', movementId: 'mva-gone', requestId: 'mva-gone' }, false),
        ),
        (error: unknown) => error instanceof MissingItemError && error.itemId === '99999-1',
      );
    });

    it('refuses a movement whose chosen site QuickBooks no longer has, and applies it at the site chosen again under a fresh request id', async () => {
      const { emu, connector, access } = await connected({ inventorySites: true });
      const headOffice = emu.admin.addSite('Head Office', true);
      const warehouse = emu.admin.addSite('Main Warehouse');
      const [bolt] = emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 10 }]);
      const side = createQbdQuantitySide(sideOptions(access, 'wf-4/run-1/1'));
      const movement = (movementId: string, requestId = movementId) => ({
        itemId: bolt!.listId,
        change: -1,
        movementId,
        requestId,
        reason: 'Zuper consumption',
        plannedAt: new Date(),
      });
      await whilePolling(connector, side.applyMovement(movement('mva-sitekept000001'), false));
      // Deleted in QuickBooks after the connection chose it (the emulator's admin deletes no site).
      emu.company.sites.delete(warehouse);

      await assert.rejects(
        whilePolling(connector, side.applyMovement(movement('mva-sitegone000001'), false)),
        (error: unknown) =>
          error instanceof SideRefusal &&
          error.code === 'site-missing' &&
          /inventory site "Main Warehouse" as an invalid reference \(3140\)/.test(error.explanation),
      );
      await whilePolling(connector, side.applyMovement(movement('mva-sitegone000001', 'mva-sitegone000001-r1'), true));

      assert.deepEqual(
        emu.admin.adjustments().map((a) => [a.refNumber, a.siteListId]),
        [
          ['mva-sitekep', warehouse],
          ['mva-sitegon', headOffice],
        ],
      );
      assert.equal(emu.admin.quantityOnHand('Bolt'), 8);
      assert.equal(emu.admin.quantityOnHand('Bolt', 'Head Office'), 9);
    });

    it('is the catalog port: reads items with their parents, creates inventory and service items, explains a missing account', async () => {
      const { emu, connector, access } = await connected();
      emu.admin.seedItems([
        { fullName: 'Hardware:Hinge', quantityOnHand: 4, salesPrice: 2.5 },
        { fullName: 'Washer', quantityOnHand: 9 },
      ]);
      const side = createQbdCatalogSide(sideOptions(access, 'wf-2/run-1/5'));

      const catalog = await whilePolling(
        connector,
        side.readCatalog(() => {}),
      );
      const hinge = [...catalog.values()].find((item) => item.entry.name === 'Hinge')!;
      assert.deepEqual(
        [hinge.entry.categoryName, hinge.entry.quantity, hinge.definition('inventory').price],
        ['Hardware', 4, 2.5],
      );
      // The parent is a category, not an item of the catalog.
      assert.equal(catalog.size, 2);

      const origin = (id: string) => ({ systemLabel: 'Zuper', id, key: `acme:zuper:${id}` });
      const definition = (name: string, kind: 'inventory' | 'service') => ({
        kind,
        name,
        sku: null,
        description: 'from Zuper',
        price: 3,
        cost: 1,
        categoryId: null,
        active: true,
      });
      const outcomes = await whilePolling(
        connector,
        side.createItems(
          [
            {
              item: { kind: 'inventory', definition: definition('Gasket', 'inventory'), quantity: 6 },
              origin: origin('p1'),
            },
            {
              item: { kind: 'service', definition: definition('Install', 'service'), quantity: null },
              origin: origin('p2'),
            },
            {
              item: {
                kind: 'inventory',
                definition: definition('A name far longer than QuickBooks takes', 'inventory'),
                quantity: 1,
              },
              origin: origin('p3'),
            },
          ],
          null,
        ),
      );
      assert.ok('id' in outcomes[0]! && 'id' in outcomes[1]!);
      assert.equal(emu.admin.quantityOnHand('Gasket'), 6);
      assert.equal(emu.admin.getItem('Gasket').salesDesc, 'from Zuper');
      const install = emu.admin.getItem('Install');
      assert.deepEqual([install.type, install.salesPrice, install.listId], ['ItemService', 3, outcomes[1].id]);
      const refused = outcomes[2]!;
      assert.ok('error' in refused && refused.error instanceof SideRefusal && refused.error.code === 'invalid-name');

      // An account the settings name but the company file lacks: the refusal names it and the setting to change.
      const misconfigured = createQbdCatalogSide({
        ...sideOptions(access, 'wf-2/run-1/6'),
        accounts: qbdAccountsOf({ serviceIncome: 'Labour Income' }),
      });
      const [labour] = await whilePolling(
        connector,
        misconfigured.createItems(
          [
            {
              item: { kind: 'service', definition: definition('Labour', 'service'), quantity: null },
              origin: origin('p4'),
            },
          ],
          null,
        ),
      );
      assert.ok(labour && 'error' in labour && labour.error instanceof SideRefusal);
      assert.equal(labour.error.code, 'account-missing');
      assert.match(labour.error.explanation, /no account "Labour Income" \(the account of new service items\)/);
      assert.match(labour.error.fix, /qzsync configure acme-\w+-\d+ --qbd-service-account/);
      assert.throws(() => emu.admin.getItem('Labour'), /No item/);
      assert.equal(await side.ensureCategory(null, origin('c1')), null);
      const plumbing = await whilePolling(connector, side.ensureCategory('Plumbing', origin('c2'), 'inventory'));
      assert.deepEqual(
        [emu.admin.getItem('Plumbing').listId, emu.admin.getItem('Plumbing').type],
        [plumbing, 'ItemInventory'],
      );
      assert.equal(await whilePolling(connector, side.ensureCategory('plumbing', origin('c3'))), plumbing);
    });

    it('is the unannounced-changes port: what changed since the cursor, read at the next session, oldest first', async () => {
      const { emu, connector, access } = await connected();
      const [bolt, nut] = emu.admin.seedItems([
        { fullName: 'Bolt', quantityOnHand: 10 },
        { fullName: 'Nut', quantityOnHand: 4 },
      ]);
      // QuickBooks keeps whole seconds and the bound is inclusive: the items seeded before are not changes.
      emu.admin.advanceClock(1000);
      const since = emu.clock.now();
      emu.admin.advanceClock(1000);
      const quantitySide = createQbdQuantitySide(sideOptions(access, 'wf-3/run-1/1'));
      const movement = {
        itemId: bolt!.listId,
        change: -2,
        movementId: 'mva-watchedown0001',
        requestId: 'mva-watchedown0001',
        reason: 'Zuper consumption',
        plannedAt: new Date(),
      };
      const ownTxnId = await whilePolling(connector, quantitySide.applyMovement(movement, false));
      emu.admin.advanceClock(1000);
      const sale = emu.admin.sell({ refNumber: 'INV-1', lines: [{ item: 'Nut', quantity: 1 }] });
      const watched = createQbdUnannouncedChanges({ access, stepKey: 'wf-watch/run-1/1' });

      const read = await whilePolling(connector, watched.changesSince(since));

      assert.equal(watched.system, 'qbd');
      assert.equal(read.incomplete, null);
      assert.deepEqual(
        read.changes.map((change) => [change.key, change.itemIds, change.reference]),
        [
          [
            `InventoryAdjustment:${ownTxnId}:${emu.company.adjustments.get(ownTxnId)?.editSequence}`,
            [bolt!.listId],
            'mva-watchedown0001',
          ],
          [`Invoice:${sale.txnId}:${sale.editSequence}`, [nut!.listId], 'INV-1'],
        ],
      );
      assert.match(read.changes[0]!.reference!, ownMovementIdPattern);
      assert.ok(read.changes[0]!.changedAtMs < read.changes[1]!.changedAtMs);
      // The same poll asked again (a retry) replays its answers: nothing more is queued.
      const queued = await queuedCount(access);
      assert.deepEqual(await watched.changesSince(since), read);
      assert.equal(await queuedCount(access), queued);

      assert.deepEqual(read.changes[1]!.transaction, {
        entity: 'Invoice',
        id: sale.txnId,
        version: sale.editSequence,
        createdAtMs: sale.timeCreated.getTime(),
        edited: false,
        lines: [{ itemId: nut!.listId, siteId: null, quantity: 1 }],
      });

      // An edit a second later: a change of its own (another key), its lines now handed on for the watch to diff.
      const savedSequence = sale.editSequence;
      emu.admin.advanceClock(1000);
      emu.admin.editSale(sale.txnId, [{ item: 'Bolt', quantity: 1 }]);
      const edited = createQbdUnannouncedChanges({ access, stepKey: 'wf-watch/run-1/2' });
      const afterEdit = await whilePolling(connector, edited.changesSince(since));
      assert.equal(afterEdit.incomplete, null);
      const saleChange = afterEdit.changes.find((change) => change.key.startsWith('Invoice:'));
      assert.notEqual(saleChange?.key, `Invoice:${sale.txnId}:${savedSequence}`);
      assert.deepEqual(saleChange?.itemIds, [bolt!.listId]);
      assert.equal(saleChange?.transaction?.edited, true);
      assert.deepEqual(saleChange?.transaction?.lines, [{ itemId: bolt!.listId, siteId: null, quantity: 1 }]);

      emu.admin.deleteTxn(sale.txnId);
      const later = createQbdUnannouncedChanges({ access, stepKey: 'wf-watch/run-1/3' });
      const afterDeletion = await whilePolling(connector, later.changesSince(since));
      // The deletion is among the changes, so the cursor moves past it by QuickBooks' own clock; it names no line.
      assert.deepEqual(
        afterDeletion.changes
          .filter((change) => change.key.startsWith('TxnDeleted:'))
          .map((change) => [change.itemIds, change.transaction?.id, change.transaction?.lines]),
        [[[], sale.txnId, null]],
      );
    });
  });
}
