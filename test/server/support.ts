import assert from 'node:assert/strict';
import { zuperPayloadRefusals } from '../../integrations/zuper/webhook-payload.js';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import { createAppContext, type AppContext } from '../../service/context.js';
import { loadEnv } from '../../config/env.js';
import { metrics } from '../../observability/metrics.js';
import { freePort } from '../../scripts/free-port.js';
import { createServer, type ServerOptions } from '../../server/create-server.js';
import { rejections } from '../../server/webhooks/outcome.js';
import { ConnectionIdKey, SyncKindKey } from '../../workflows/search-attributes.js';
import { intakeBatchWorkflowId } from '../../client/workflow-ids.js';
import { eventually } from '../support/eventually.js';
import { metricValue } from '../support/metric-value.js';
import { storedCredentials } from '../support/stored-credentials.js';

export const temporalTestAddress = (): string => {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set (npm test starts a Temporal dev server)');
  return address;
};

/**
 * The environment a service process started by a test needs: fresh secrets, an in-memory store and the test
 * Temporal server. Add what a test varies (ports, task queue).
 */
export const serviceProcessEnv = () => ({
  PATH: process.env.PATH,
  NODE_ENV: 'test',
  DATA_DIR: 'memory',
  SECRETS_KEY: randomBytes(32).toString('base64'),
  OPERATOR_TOKEN: randomBytes(24).toString('base64url'),
  TEMPORAL_ADDRESS: temporalTestAddress(),
});

/** An address where nothing listens, for Temporal outages. */
export const deadTemporalAddress = async () => `127.0.0.1:${await freePort()}`;

/**
 * A real application context over an in-memory PGlite and the test Temporal server, with a task queue of its own and
 * no worker, so every workflow the server starts stays visible. The HTTP port is chosen up front because the OAuth
 * redirect URI is built from it.
 */
export async function openTestContext(
  options: { temporalAddress?: string; qboEmulatorUrl?: string; env?: Record<string, string> } = {},
): Promise<AppContext> {
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATA_DIR: 'memory',
    SECRETS_KEY: randomBytes(32).toString('base64'),
    // Given explicitly: with DATA_DIR=memory nothing may be written to disk.
    OPERATOR_TOKEN: randomBytes(24).toString('base64url'),
    TEMPORAL_ADDRESS: options.temporalAddress ?? temporalTestAddress(),
    TEMPORAL_TASK_QUEUE: `server-test-${randomUUID()}`,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(await freePort()),
    ...options.env,
  });
  return createAppContext(env, {
    lazyTemporal: true,
    ...(options.qboEmulatorUrl ? { qboEmulatorUrl: options.qboEmulatorUrl } : {}),
  });
}

/** Everything the server logged, as parsed JSON lines and as raw text (for leak checks). */
export function captureLogs() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, text, lines };
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  logs: ReturnType<typeof captureLogs>;
}

/**
 * The server, logging at debug level into memory, on the context's HTTP port (the one its OAuth redirect URI names)
 * or, with `ephemeralPort`, on any free port (extra servers over the same context).
 */
export async function startTestServer(
  ctx: AppContext,
  options: ServerOptions = {},
  ephemeralPort = false,
): Promise<TestServer> {
  const logs = captureLogs();
  const app = createServer(ctx, { logger: { level: 'debug', stream: logs.stream }, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: ephemeralPort ? 0 : ctx.env.HTTP_PORT });
  return { app, url, logs };
}

/** Intuit's signature, computed here independently of the server's verifier. */
export const intuitSignatureOf = (body: string | Buffer, verifierToken: string) =>
  createHmac('sha256', verifierToken).update(body).digest('base64');

export async function seedQboConnection(ctx: AppContext, id: string, realmId: string): Promise<void> {
  await ctx.store.connections.create(id, `Test ${id}`);
  const inAnHour = new Date(Date.now() + 3_600_000);
  await storedCredentials(ctx.store).saveQbo(id, realmId, {
    accessToken: `access-${id}`,
    refreshToken: `refresh-${id}`,
    accessTokenExpiresAt: inAnHour,
    refreshTokenExpiresAt: inAnHour,
  });
}

export async function seedZuperConnection(ctx: AppContext, id: string, webhookSecret: string): Promise<void> {
  await ctx.store.connections.create(id, `Test ${id}`);
  await storedCredentials(ctx.store).saveZuper(id, 'acme', 'http://127.0.0.1:9/api', `key-${id}`, webhookSecret);
}

export async function workflowExists(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** Workflow ids Temporal's visibility lists for a connection, polled until it shows at least `atLeast`. */
export async function workflowIdsOf(client: Client, connectionId: string, atLeast = 0): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const ids: string[] = [];
    for await (const wf of client.workflow.list({ query: `ConnectionId="${connectionId}"` })) ids.push(wf.workflowId);
    if (ids.length >= atLeast || attempt === 50) return ids.sort();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function deliveryIds(ctx: AppContext, source: 'qbo' | 'zuper'): Promise<string[]> {
  const rows = await ctx.store.db.query<{ delivery_id: string }>(
    'SELECT delivery_id FROM webhook_deliveries WHERE source = $1 ORDER BY delivery_id',
    [source],
  );
  return rows.map((r) => r.delivery_id);
}

const everyOutcome = [
  ...Object.values(rejections).map((r) => r.outcome),
  ...zuperPayloadRefusals,
  'verifier_not_configured',
  'missing_signature',
  'bad_signature',
  'zuper_not_connected',
  'missing_secret',
  'bad_secret',
  'error',
  'accepted',
  'duplicate',
  'store_failed',
  'unknown_realm',
  'qbo_not_connected',
  'ignored_entity',
  'stale',
  'unrecognised_type',
  'ignored_event',
  'invalid_event',
];

/**
 * Snapshots the webhook counter for every outcome; `changes()` then lists the outcomes that grew since, with how
 * much, so a test asserts both what was counted and that nothing else was.
 */
export async function webhookCounter(source: 'qbo' | 'zuper') {
  const snapshot = async () =>
    new Map(
      await Promise.all(
        everyOutcome.map(async (o) => [o, await metricValue(metrics.webhooks, { source, outcome: o })] as const),
      ),
    );
  const before = await snapshot();
  return {
    async changes() {
      const now = await snapshot();
      return Object.fromEntries(
        everyOutcome
          .map((o) => [o, (now.get(o) ?? 0) - (before.get(o) ?? 0)] as const)
          .filter(([, grown]) => grown !== 0),
      );
    },
  };
}

/** The arguments a workflow was started with, read back from its history through the context's (encrypting) codecs. */
export async function workflowArgs(ctx: AppContext, workflowId: string): Promise<unknown[]> {
  const history = await ctx.temporal.workflow.getHandle(workflowId).fetchHistory();
  let payloads = (history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? []) as Payload[];
  for (const codec of [...(ctx.dataConverter.payloadCodecs ?? [])].reverse()) payloads = await codec.decode(payloads);
  return payloads.map((p) => defaultPayloadConverter.fromPayload(p));
}

/** The intake batch (workflow id) a stored delivery was handed off in, waiting for the dispatcher up to 10 s. */
export async function intakeBatchOf(ctx: AppContext, source: 'qbo' | 'zuper', deliveryId: string): Promise<string> {
  const batchId = await eventually(
    () => ctx.store.webhookDeliveries.handedOffIn(source, deliveryId),
    (id) => id !== null,
    10_000,
  );
  return batchId!;
}

/** Log lines the server wrote with this outcome. */
export const logLinesWithOutcome = (server: TestServer, outcome: string) =>
  server.logs.lines().filter((l) => l.outcome === outcome);

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends a webhook that must be refused and checks everything a refusal promises: the status and error, exactly one
 * count of that outcome and nothing else, a warning saying why, no delivery recorded (so nothing to hand off), and no
 * workflow started for the connection.
 */
export async function assertRefusal(
  target: { ctx: AppContext; server: TestServer; source: 'qbo' | 'zuper'; connectionId: string },
  expected: { status: number; outcome: string },
  send: () => Promise<Answer>,
): Promise<void> {
  const { ctx, server, source } = target;
  const startedBefore = await workflowIdsOf(ctx.temporal, target.connectionId);
  const deliveriesBefore = await deliveryIds(ctx, source);
  const counter = await webhookCounter(source);
  const loggedBefore = logLinesWithOutcome(server, expected.outcome).length;

  const response = await send();

  assert.equal(response.status, expected.status);
  assert.equal(response.body.error, expected.outcome);
  assert.deepEqual(await counter.changes(), { [expected.outcome]: 1 });
  const lines = logLinesWithOutcome(server, expected.outcome);
  assert.equal(lines.length, loggedBefore + 1);
  assert.equal(lines.at(-1)?.level, 40, 'logged as a warning');
  assert.match(String(lines.at(-1)?.msg), /^webhook rejected: /);
  assert.deepEqual(await deliveryIds(ctx, source), deliveriesBefore);
  assert.deepEqual(await workflowIdsOf(ctx.temporal, target.connectionId), startedBefore);
}

/** What an intake workflow must look like: its type, task queue, search attributes and the changes it routes. */
export async function intakeWorkflowOf(ctx: AppContext, workflowId: string) {
  const description = await ctx.temporal.workflow.getHandle(workflowId).describe();
  return {
    type: description.type,
    taskQueue: description.taskQueue,
    connectionId: description.typedSearchAttributes.get(ConnectionIdKey),
    syncKind: description.typedSearchAttributes.get(SyncKindKey),
    args: await workflowArgs(ctx, workflowId),
    changes: (await ctx.store.webhookDeliveries.batch(workflowId)).map((d) => d.change),
  };
}

/** What intakeWorkflowOf must show for a batch of the connection's `changes` that the server handed off. */
export const expectedIntakeBatch = (ctx: AppContext, connectionId: string, workflowId: string, changes: unknown[]) => ({
  type: 'intakeBatchWorkflow',
  taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
  connectionId,
  syncKind: 'intake',
  args: [workflowId],
  changes,
});

/**
 * Checks that a Zuper delivery of one product.update was handed off in the intake batch its delivery id names, the
 * connection's only workflow, and that the batch routes exactly that change.
 */
export async function assertZuperProductUpdateHandedOff(
  ctx: AppContext,
  connectionId: string,
  deliveryId: string,
  productUid: string,
): Promise<void> {
  const workflowId = await intakeBatchOf(ctx, 'zuper', deliveryId);
  assert.equal(workflowId, intakeBatchWorkflowId('zuper', connectionId, deliveryId));
  assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId, 1), [workflowId]);
  assert.deepEqual(
    await intakeWorkflowOf(ctx, workflowId),
    expectedIntakeBatch(ctx, connectionId, workflowId, [
      { connectionId, event: 'product.update', productUid, invoiceUid: null, transactionUid: null },
    ]),
  );
}
