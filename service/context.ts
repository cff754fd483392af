import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { dataConverterFromEnv } from '../security/data-converter.js';
import type { Env } from '../config/env.js';
import { openDb } from '../storage/db.js';
import { migrate, createStore, type Store } from '../integrations/store.js';
import { secretBoxFromEnv } from '../security/keyring.js';
import type { SecretBox } from '../security/secret-box.js';
import { createRateLimiter, defaultBudgets, type ApiBudgets } from '../integrations/rate-limiter.js';
import { createConnectionClients, type ConnectionClients } from '../integrations/connection-clients.js';
import type { ActivityDeps } from '../activities/deps.js';
import { connectTemporal } from '../client/temporal.js';
import type { WorkflowTarget } from '../client/workflow-target.js';
import { workflowRequests } from '../client/workflow-requests.js';
import { systemAppsFromEnv, type SystemApps } from '../integrations/system-apps.js';
import { durationMs } from '../domain/duration.js';
import type { Tracing } from '../observability/tracing.js';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';

/** Everything a process of this service (worker, HTTP server, CLI) shares, built from the environment. */
export interface AppContext {
  env: Env;
  secrets: SecretBox;
  store: Store;
  /** The service's registration with each system that connects it as an app. */
  apps: SystemApps;
  clients: ConnectionClients;
  temporal: Client;
  /** Where this process starts workflows (the client room's functions take it). */
  workflows: WorkflowTarget;
  /** Encrypts payloads; shared by the client, the worker and replay tests. */
  dataConverter: DataConverter;
  activityDeps: ActivityDeps;
  /** This process's tracing (started by the composition root), or null while it is off. */
  tracing: Tracing | null;
  close(): Promise<void>;
}

export async function createAppContext(
  env: Env,
  options: {
    qboEmulatorUrl?: string | null;
    budgets?: ApiBudgets;
    lazyTemporal?: boolean;
    tracing?: Tracing | null;
  } = {},
): Promise<AppContext> {
  const secrets = secretBoxFromEnv(env);
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrate(db);
  const store = createStore(db, secrets);
  // After a key rotation, every process start moves what the previous keys sealed to the current key.
  await store.credentials.resealSecrets();
  const apps = systemAppsFromEnv(env, { qboEmulatorUrl: options.qboEmulatorUrl ?? null });
  const clients = createConnectionClients({
    store,
    qboConfig: apps.qbo,
    monthlyReadAllowance: env.QBO_MONTHLY_READ_ALLOWANCE,
    ...(env.QBD_CHANGE_READ_PAGE_SIZE === undefined ? {} : { qbdChangeReadPageSize: env.QBD_CHANGE_READ_PAGE_SIZE }),
    limiter: createRateLimiter(
      store,
      options.budgets ?? {
        ...defaultBudgets,
        zuperRequestsPerMinute: Math.floor(env.ZUPER_RATE_LIMIT_PER_MINUTE * 0.96),
      },
    ),
  });
  const dataConverter = dataConverterFromEnv(env);
  const temporal = await connectTemporal({
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter,
    lazy: options.lazyTemporal ?? false,
    ...(options.tracing ? { workflowInterceptors: [new OpenTelemetryWorkflowClientInterceptor()] } : {}),
  });
  const workflows: WorkflowTarget = {
    client: temporal,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    itemIdleTimeoutMs: durationMs(env.ITEM_IDLE_TIMEOUT),
  };
  return {
    env,
    secrets,
    store,
    apps,
    clients,
    temporal,
    dataConverter,
    workflows,
    activityDeps: { store, clients, workflows: workflowRequests(workflows) },
    tracing: options.tracing ?? null,
    async close() {
      await clients.readMeter.close();
      await temporal.connection.close();
      await db.close();
    },
  };
}
