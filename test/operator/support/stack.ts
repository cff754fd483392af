import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../../../service/context.js';
import { composeService } from '../../../app/compose.js';
import { emulatorQboApp, qboRedirectUri } from '../../../integrations/qbo/app-config.js';
import { loadEnv } from '../../../config/env.js';
import { startQboEmulator, type RunningQboEmulator } from '../../../emulators/qbo/index.js';
import { startZuperEmulator, type CompanyInfo, type RunningZuperEmulator } from '../../../emulators/zuper/index.js';
import { tokensFromResponse } from '../../../integrations/qbo/tokens.js';
import { registerOperatorRoutes } from '../../../operator/routes.js';
import { enforceRouteAccess } from '../../../security/route-access.js';
import { accessGuards } from '../../../server/http/access-guards.js';
import { reconcileSchedule } from '../../../client/schedules.js';
import { startReceiver } from '../../emulators/zuper/harness.js';
import { storedCredentials } from '../../support/stored-credentials.js';

export interface ApiAnswer {
  status: number;
  // Tests inspect arbitrary JSON answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface TestConnection {
  /** The name given, made unique per run: schedules live on in the shared Temporal server. */
  id: string;
  realmId: string;
  zuper: CompanyInfo;
  /** Location uids W1 (the default location once configured) and W2. */
  w1: string;
  w2: string;
  /** The "Parts" product category. */
  category: string;
}

export interface Stack {
  ctx: AppContext;
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  /** Where the Zuper emulator delivers webhooks (stands in for PUBLIC_BASE_URL). */
  receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** The operator API's base URL and token. */
  url: string;
  token: string;
  app: FastifyInstance;
  api(method: string, path: string, body?: unknown, token?: string): Promise<ApiAnswer>;
  /** A connection with its own QuickBooks company and Zuper company, both connected; configured unless told not to. */
  connection(name: string, options?: { configure?: boolean; connectZuper?: boolean }): Promise<TestConnection>;
  /** Stores QuickBooks tokens for the connection as the OAuth callback would. */
  connectQbo(connectionId: string, realmId: string): Promise<void>;
  close(): Promise<void>;
}

const address = () => {
  const value = process.env.TEMPORAL_TEST_ADDRESS;
  if (!value) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run through npm test, or start a Temporal dev server');
  return value;
};

/**
 * The real stack behind the operator API: both emulators, an in-memory PGlite store, the Temporal dev server with a
 * worker on a task queue of its own, and fastify with only the operator routes, listening on an ephemeral port.
 */
export async function startStack(): Promise<Stack> {
  const [qbo, zuper, receiver] = await Promise.all([
    startQboEmulator(),
    startZuperEmulator({ timeScale: 1000 }),
    startReceiver(),
  ]);
  const token = randomBytes(24).toString('base64url');
  const runTag = randomBytes(3).toString('hex');
  const env = loadEnv({
    NODE_ENV: 'test',
    DATA_DIR: 'memory',
    SECRETS_KEY: randomBytes(32).toString('base64'),
    OPERATOR_TOKEN: token,
    TEMPORAL_ADDRESS: address(),
    TEMPORAL_TASK_QUEUE: `operator-test-${randomBytes(6).toString('hex')}`,
    ZUPER_ACCOUNTS_URL: zuper.baseUrl,
    PUBLIC_BASE_URL: new URL(receiver.url).origin,
    ITEM_IDLE_TIMEOUT: '2s',
  });
  // Bundling the workflows and starting the embedded database both take seconds: in parallel.
  const closeEmulators = () => Promise.all([qbo.close(), zuper.close(), receiver.close()]);
  // A start that fails (Temporal unavailable) closes the emulators, so the test fails at once instead of hanging.
  const service = await composeService({ env, qboEmulatorUrl: qbo.baseUrl, worker: true }).catch(async (error) => {
    await closeEmulators();
    throw error;
  });
  const { ctx } = service;
  qbo.admin.registerApp({ ...emulatorQboApp, redirectUris: [qboRedirectUri(env)] });

  const app = Fastify({ logger: { level: 'error' } });
  enforceRouteAccess(app, accessGuards(ctx.env, ctx.store.operatorTokens));
  registerOperatorRoutes(app, ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;

  const api: Stack['api'] = async (method, path, body, bearer = token) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  const connectQbo: Stack['connectQbo'] = async (connectionId, realmId) => {
    const answer = qbo.admin.issueTokens({ clientId: emulatorQboApp.clientId, realmId });
    await storedCredentials(ctx.store).saveQbo(
      connectionId,
      realmId,
      tokensFromResponse(answer, new Date(), 'test tokens'),
    );
    ctx.clients.forget(connectionId);
  };

  const stack: Stack = {
    ctx,
    qbo,
    zuper,
    receiver,
    url,
    token,
    app,
    api,
    connectQbo,
    async connection(name, options = {}) {
      const id = `${name}-${runTag}`;
      const created = await api('POST', '/api/connections', { id, displayName: `Test ${id}` });
      if (created.status !== 201) throw new Error(`create ${id}: ${JSON.stringify(created.body)}`);
      const { realmId } = qbo.admin.createRealm({ companyName: `QBO ${id}` });
      await connectQbo(id, realmId);
      const company = zuper.admin.createCompany({
        company_name: id,
        api_key: `${id}-zuper-api-key`,
        locations: [{ location_name: 'W1' }, { location_name: 'W2' }],
        categories: [{ category_name: 'Parts' }],
      });
      const [w1 = '', w2 = ''] = company.location_uids;
      if (options.connectZuper !== false) {
        const connected = await api('POST', `/api/connections/${id}/zuper`, { company: id, apiKey: company.api_key });
        if (connected.status !== 200) throw new Error(`connect zuper ${id}: ${JSON.stringify(connected.body)}`);
      }
      if (options.configure !== false) {
        const configured = await api('PUT', `/api/connections/${id}/settings`, {
          productMaster: 'accounting',
          defaultLocationUid: w1,
        });
        if (configured.status !== 200) throw new Error(`configure ${id}: ${JSON.stringify(configured.body)}`);
      }
      return { id, realmId, zuper: company, w1, w2, category: company.category_uids[0] ?? '' };
    },
    async close() {
      await app.close();
      for (const { id } of await ctx.store.connections.list()) {
        await reconcileSchedule(ctx.temporal, id)
          .delete()
          .catch(() => undefined);
      }
      await service.stop();
      await closeEmulators();
    },
  };
  return stack;
}
