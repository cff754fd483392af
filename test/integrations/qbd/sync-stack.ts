import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import { createQbdEmulator, type QbdEmulator, type WebConnectorSimulator } from '../../../emulators/qbd/index.js';
import { consumeOnInvoice, startZuperEmulator, type RunningZuperEmulator } from '../../../emulators/zuper/index.js';
import { composeService, type ComposedService } from '../../../app/compose.js';
import { loadEnv } from '../../../config/env.js';
import { qbwcRoutes } from '../../../integrations/qbd/web-connector-routes.js';
import { accessGuards } from '../../../server/http/access-guards.js';
import { enforceRouteAccess } from '../../../security/route-access.js';
import type { Store } from '../../../integrations/store.js';
// Also installs the worker runtime with its logs kept to warnings (test/support/sync-stack.ts).
import { deliverZuperChange, movementsOf } from '../../support/linked-item.js';
import { connectZuperCompany, startQuietIntake } from '../../support/sync-stack.js';
import { storedCredentials } from '../../support/stored-credentials.js';

/** The Web Connector's run interval (.qwc RunEveryNSeconds), nominal. */
const webConnectorEveryNominalSeconds = 60;
/** A nominal minute between Web Connector sessions is one real second. */
const timeScale = 60;

export interface QbdSyncStack {
  qbd: QbdEmulator;
  /** The Web Connector polling the service's real /qbwc endpoint; its schedule is started by the test that wants it. */
  connector: WebConnectorSimulator;
  /** The service's /qbwc endpoint and the connection's Web Connector login, for a test that plays the Web Connector. */
  webConnectorLogin: { appUrl: string; userName: string; password: string };
  zuper: RunningZuperEmulator;
  /** The service with its in-process worker, which a test may shut down to run the work on a worker of its own. */
  service: ComposedService;
  store: Store;
  temporal: Client;
  taskQueue: string;
  connectionId: string;
  mainLocation: string;
  /** Every Zuper location of the company by name ("Main Warehouse" first), to its uid. */
  zuperLocations: Record<string, string>;
  zuperCompany: string;
  /** The Zuper company's one category, "Parts". */
  zuperCategoryUid: string;
  /** A QuickBooks Desktop inventory item and a Zuper product at the main location, both at `quantity`, linked at it. */
  linkedItem(name: string, quantity: number): Promise<{ listId: string; productUid: string }>;
  qbdQty(name: string): number;
  zuperQty(productUid: string): number;
  base(listId: string): Promise<number | null | undefined>;
  /** Consumes on a Zuper invoice and hands its delivery to the intake, as the webhook route does. */
  consumeInZuper(productUid: string, quantity: number): Promise<string>;
  /** The settle ledger of an item, oldest first: the side each movement went to and by how much. */
  movements(listId: string): ReturnType<typeof movementsOf>;
  /** Runs Web Connector sessions by hand, a moment apart, until an item's base quantity is `base` (20 at most). */
  sessionsUntilBase(listId: string, base: number): Promise<void>;
  /** The adjustments QuickBooks Desktop holds for an item, as the emulator keeps them. */
  adjustmentsOf(listId: string): ReturnType<QbdEmulator['admin']['adjustments']>;
  /** The requests waiting in the connection's work queue, oldest first, with the key of the step each is for. */
  queued(): Promise<{ requestType: string; callerKey: string | null }[]>;
  stop(): Promise<void>;
}

/** What the company files of a stack hold beyond the defaults. */
export interface QbdSyncStackOptions {
  /** The QuickBooks Desktop company file has multi-location inventory (Advanced Inventory's sites). */
  inventorySites?: boolean;
  /** Zuper locations beside "Main Warehouse", the connection's default location. */
  moreZuperLocations?: string[];
}

/**
 * A QuickBooks Desktop connection end to end: the QuickBooks Desktop emulator's Web Connector polling the service's
 * /qbwc endpoint, the Zuper emulator, an in-memory store, the real Temporal dev server and a worker on a private
 * task queue. Accounting is the product master.
 */
export async function startQbdSyncStack(options: QbdSyncStackOptions = {}): Promise<QbdSyncStack> {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests with `npm test`');
  const zuper = await startZuperEmulator({ timeScale: 100, seed: 11 });
  const company = zuper.admin.createCompany({
    company_name: `qbd-${randomBytes(3).toString('hex')}`,
    locations: ['Main Warehouse', ...(options.moreZuperLocations ?? [])].map((name) => ({ location_name: name })),
    categories: [{ category_name: 'Parts' }],
  });
  const [mainLocation] = company.location_uids as [string];
  const zuperLocations = Object.fromEntries(
    ['Main Warehouse', ...(options.moreZuperLocations ?? [])].map((name, at) => [name, company.location_uids[at]!]),
  );
  const env = loadEnv({
    NODE_ENV: 'test',
    DATA_DIR: 'memory',
    SECRETS_KEY: randomBytes(32).toString('base64'),
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `test-qbd-${randomBytes(6).toString('hex')}`,
    ITEM_IDLE_TIMEOUT: '2s',
    OPERATOR_TOKEN: 'operator-token-for-the-desktop-sync-tests',
  });
  const service: ComposedService = await composeService({
    env,
    budgets: { qboRequestsPerMinute: 60_000, qboBatchesPerMinute: 6000, zuperRequestsPerMinute: 60_000 },
    worker: true,
    drainMs: 15_000,
  });
  const { store, temporal } = service.ctx;
  const taskQueue = env.TEMPORAL_TASK_QUEUE;

  const endpoint: FastifyInstance = Fastify();
  enforceRouteAccess(endpoint, accessGuards(env, store.operatorTokens));
  void endpoint.register(qbwcRoutes({ store, queue: store.qbdQueue, endpointUrl: 'https://sync.example/qbwc' }));
  try {
    await endpoint.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    // A worker left running would keep the test process alive.
    await service.stop();
    await zuper.close();
    throw error;
  }
  const appUrl = `http://127.0.0.1:${(endpoint.server.address() as { port: number }).port}/qbwc`;

  const connectionId = `qbd-${randomBytes(4).toString('hex')}`;
  const login = { userName: `${connectionId}-qbwc`, password: randomBytes(18).toString('base64') };
  await store.connections.create(connectionId, 'Desktop connection');
  await storedCredentials(store).saveQbd(connectionId, login.userName, login.password);
  await connectZuperCompany(
    store,
    connectionId,
    { zuper, company },
    {
      productMaster: 'accounting',
      defaultLocationUid: mainLocation,
    },
  );

  // The company's clock starts now, so the watch's first look back, on the service's clock, sees its changes.
  const qbd = createQbdEmulator({ timeScale, inventorySites: options.inventorySites ?? false });
  const connector = qbd.connectWebConnector({ appUrl, ...login, runEveryNSeconds: webConnectorEveryNominalSeconds });

  const intake = startQuietIntake({ store, temporal, taskQueue });

  return {
    qbd,
    connector,
    webConnectorLogin: { appUrl, ...login },
    zuper,
    service,
    store,
    temporal,
    taskQueue,
    connectionId,
    mainLocation,
    zuperLocations,
    zuperCompany: company.company_name,
    zuperCategoryUid: company.category_uids[0]!,
    async linkedItem(name, quantity) {
      const [item] = qbd.admin.seedItems([{ fullName: name, quantityOnHand: quantity }]);
      const [productUid] = zuper.admin.generateProducts(company.company_name, {
        count: 1,
        name_prefix: name,
        location_uids: [mainLocation],
        quantity_per_location: quantity,
      }) as [string];
      await store.links.create({
        connectionId,
        accountingItemId: item!.listId,
        fieldItemId: productUid,
        itemKind: 'inventory',
        tracksQuantity: true,
        baseQty: quantity,
        definitionHash: null,
      });
      return { listId: item!.listId, productUid };
    },
    qbdQty: (name) => qbd.admin.quantityOnHand(name),
    zuperQty: (uid) => Number(zuper.admin.product(company.company_name, uid)?.quantity ?? NaN),
    base: async (listId) => (await store.links.get(connectionId, listId))?.baseQty,
    async consumeInZuper(productUid, quantity) {
      const invoiceUid = await consumeOnInvoice(`${zuper.baseUrl}/api`, company.api_key, {
        productUid,
        locationUid: mainLocation,
        qty: quantity,
        unitPrice: 1,
      });
      await deliverZuperChange({ store, temporal, connectionId }, { event: 'invoice.new', invoiceUid });
      return invoiceUid;
    },
    movements: (listId) => movementsOf({ store, connectionId }, listId),
    async sessionsUntilBase(listId, base) {
      for (let session = 0; session < 20; session += 1) {
        if ((await store.links.get(connectionId, listId))?.baseQty === base) return;
        await connector.runSession();
        await delay(200);
      }
    },
    adjustmentsOf: (listId) =>
      qbd.admin.adjustments().filter((adjustment) => adjustment.lines.some((line) => line.itemListId === listId)),
    async queued() {
      const rows = await store.db.query<{ request_type: string; caller_key: string | null }>(
        `SELECT request_type, caller_key FROM qbd_requests WHERE connection_id = $1 AND status = 'queued' ORDER BY seq`,
        [connectionId],
      );
      return rows.map((row) => ({ requestType: row.request_type, callerKey: row.caller_key }));
    },
    async stop() {
      await connector.stop();
      await intake.stop();
      await endpoint.close();
      await service.stop();
      await zuper.close();
    },
  };
}
