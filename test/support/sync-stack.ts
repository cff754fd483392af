import { randomBytes } from 'node:crypto';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { startQboEmulator, type RunningQboEmulator } from '../../emulators/qbo/index.js';
import { startZuperEmulator, type RunningZuperEmulator } from '../../emulators/zuper/index.js';
import type { Store } from '../../integrations/store.js';
import { loadEnv } from '../../config/env.js';
import { composeService } from '../../app/compose.js';
import type { ActivityDeps } from '../../activities/deps.js';
import type { SharedSettings } from '../../domain/connection-settings.js';
import { connectionSettingsSchema, storableSettings } from '../../integrations/connection-settings.js';
import { createIntakeDispatcher, type IntakeDispatcher } from '../../server/webhooks/intake-dispatcher.js';
import { storedQboTokens } from './qbo-tokens.js';
import { sideOfSystem } from '../../domain/systems.js';
import { storedCredentials } from './stored-credentials.js';

export { eventually } from './eventually.js';

// Before any connection: keep the worker's own logs to warnings so test output stays readable.
Runtime.install({ logger: new DefaultLogger('WARN') });

export const TEST_QBO_APP = { clientId: 'test-client', clientSecret: 'test-secret' };

export interface SyncStack {
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  realmId: string;
  zuperCompany: string;
  zuperApiKey: string;
  locations: { main: string; van: string };
  store: Store;
  temporal: Client;
  deps: ActivityDeps;
  taskQueue: string;
  connectionId: string;
  worker: Worker;
  /** The webhook intake's dispatcher from the outbox to Temporal, as the HTTP server runs it. */
  intake: IntakeDispatcher;
  /** QBO QtyOnHand as the emulator holds it. */
  qboQty(itemId: string): number;
  /** Zuper total across locations as the emulator holds it. */
  zuperQty(productUid: string): number;
  zuperApi(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface SyncStackOptions {
  master: 'qbo' | 'zuper';
  settings?: Partial<SharedSettings> & { defaultLocationUid?: string };
  /** Restart-safe: a fresh worker can be started over the same stack. */
  startWorker?: boolean;
}

/** Both emulators, an in-memory store, the real Temporal dev server and a worker on a private task queue. */
export async function startSyncStack(options: SyncStackOptions): Promise<SyncStack> {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests with `npm test`');
  const qbo = await startQboEmulator({ timeScale: 100, seed: 7 });
  const zuper = await startZuperEmulator({ timeScale: 100, seed: 7 });
  qbo.admin.registerApp({ ...TEST_QBO_APP, redirectUris: ['http://127.0.0.1:3000/oauth/qbo/callback'] });
  const { realmId } = qbo.admin.createRealm({ itemCategoriesFeature: true });
  const issued = qbo.admin.issueTokens({ clientId: TEST_QBO_APP.clientId, realmId });
  const company = zuper.admin.createCompany({
    company_name: `acme-${randomBytes(3).toString('hex')}`,
    locations: [{ location_name: 'Main Warehouse' }, { location_name: 'Van 1', location_type: 'VAN' }],
    categories: [{ category_name: 'Parts' }],
  });
  const [main, van] = company.location_uids as [string, string];

  const env = loadEnv({
    NODE_ENV: 'test',
    DATA_DIR: 'memory',
    SECRETS_KEY: randomBytes(32).toString('base64'),
    QBO_ENVIRONMENT: 'emulator',
    QBO_CLIENT_ID: TEST_QBO_APP.clientId,
    QBO_CLIENT_SECRET: TEST_QBO_APP.clientSecret,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
    ITEM_IDLE_TIMEOUT: '2s',
  });
  // Bounded drain: a worker that cannot drain must not keep the test process alive.
  const service = await composeService({
    env,
    qboEmulatorUrl: qbo.baseUrl,
    budgets: { qboRequestsPerMinute: 60_000, qboBatchesPerMinute: 6000, zuperRequestsPerMinute: 60_000 },
    worker: true,
    drainMs: 15_000,
  }).catch(async (error) => {
    // A start that fails (Temporal unavailable) closes the emulators, so the test fails at once instead of hanging.
    await Promise.all([qbo.close(), zuper.close()]);
    throw error;
  });
  const { store, temporal, activityDeps: deps } = service.ctx;
  const taskQueue = env.TEMPORAL_TASK_QUEUE;

  const connectionId = `c-${randomBytes(4).toString('hex')}`;
  await store.connections.create(connectionId, 'Test connection');
  await storedCredentials(store).saveQbo(connectionId, realmId, storedQboTokens(issued));
  await connectZuperCompany(
    store,
    connectionId,
    { zuper, company },
    {
      productMaster: sideOfSystem(options.master),
      defaultLocationUid: main,
      minQuantity: 2,
      ...options.settings,
    },
  );
  const intake = startQuietIntake({ store, temporal, taskQueue });

  const zuperApi = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${zuper.baseUrl}/api${path}`, {
      method,
      headers: { 'x-api-key': company.api_key, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  return {
    qbo,
    zuper,
    realmId,
    zuperCompany: company.company_name,
    zuperApiKey: company.api_key,
    locations: { main, van },
    store,
    temporal,
    deps,
    taskQueue,
    connectionId,
    worker: service.worker!,
    intake,
    qboQty: (itemId) => Number(qbo.admin.getEntity(realmId, 'Item', itemId)?.QtyOnHand ?? NaN),
    zuperQty: (uid) => Number(zuper.admin.product(company.company_name, uid)?.quantity ?? NaN),
    zuperApi,
    async stop() {
      await intake.stop();
      await service.stop();
      await qbo.close();
      await zuper.close();
    },
  };
}

/** Connects a Zuper emulator company to a stored connection and configures it (unnamed settings as most tests want them). */
export async function connectZuperCompany(
  store: Store,
  connectionId: string,
  zuper: { zuper: RunningZuperEmulator; company: { company_name: string; api_key: string } },
  settings: Partial<SharedSettings> & Pick<SharedSettings, 'productMaster'> & { defaultLocationUid: string },
): Promise<void> {
  const { company } = zuper;
  await storedCredentials(store).saveZuper(
    connectionId,
    company.company_name,
    `${zuper.zuper.baseUrl}/api`,
    company.api_key,
    'hook-secret',
  );
  const { defaultLocationUid, ...shared } = settings;
  const { accountingSystem } = await store.connections.get(connectionId);
  await store.connections.saveSettings(
    connectionId,
    storableSettings(
      connectionSettingsSchema.parse({
        minQuantity: 0,
        nonInventoryQuantity: 5,
        reconcileEvery: '1h',
        ...shared,
        accounting: { system: accountingSystem },
        field: { system: 'zuper', defaultLocationUid },
      }),
    ),
  );
}

/** The webhook intake's dispatcher from the outbox to Temporal, as the HTTP server runs it, without its logs. */
export function startQuietIntake(options: { store: Store; temporal: Client; taskQueue: string }): IntakeDispatcher {
  const silent = () => undefined;
  const intake = createIntakeDispatcher({
    ...options,
    log: { debug: silent, info: silent, warn: silent, error: silent },
    startTimeoutMs: 5_000,
    retentionMs: 3_600_000,
  });
  intake.start();
  return intake;
}
