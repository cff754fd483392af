import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.js';
import { composeService } from '../../app/compose.js';
import { publicBaseUrl } from '../../config/public-url.js';
import { emulatorQboApp, qboRedirectUri } from '../../integrations/qbo/app-config.js';
import { reconcileSchedule } from '../../client/schedules.js';
import { loadEnv } from '../../config/env.js';
import { sellOnInvoice, startQboEmulator, type RunningQboEmulator } from '../../emulators/qbo/index.js';
import {
  consumeOnInvoice,
  startZuperEmulator,
  type CompanyInfo,
  type RunningZuperEmulator,
} from '../../emulators/zuper/index.js';
import { freePort } from '../../scripts/free-port.js';
import { zuperSecretHeader } from '../../integrations/zuper/webhook-secret.js';
import { TestBrowser } from '../server/browser.js';
import { storedCredentials } from './stored-credentials.js';
import { credentialFields } from './stored-credentials.js';

export interface SecureStackOptions {
  /** Where the server writes its JSON log lines (level trace); nowhere by default. */
  logStream?: Writable;
  /** Adds to the HTTP server before it listens (the web console, which `npm start` registers the same way). */
  beforeListen?: (app: FastifyInstance, ctx: AppContext) => void;
  /** More settings for the service's environment. */
  env?: Record<string, string>;
}

export interface Tenant {
  /** The connection id. */
  id: string;
  realmId: string;
  zuper: CompanyInfo;
  /** Zuper location uids: W1 is the default location. */
  w1: string;
  w2: string;
}

export interface SecureStack {
  ctx: AppContext;
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  /** The whole HTTP surface (intake, OAuth, operator API, codec endpoint), listening. */
  app: FastifyInstance;
  url: string;
  dataDir: string;
  secretsKey: string;
  operatorToken: string;
  verifierToken: string;
  /** A Temporal client without the codec: it sees histories as Temporal stores them. */
  rawTemporal: Client;
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: unknown }>;
  /** A connection with its own QuickBooks company (connected through the browser OAuth flow) and Zuper company
   *  (connected through the operator API), configured with QuickBooks as product master. */
  tenant(name: string): Promise<Tenant>;
  /** Links the tenant's catalogs through the operator API and waits for the run. */
  link(tenant: Tenant): Promise<unknown>;
  qboQty(tenant: Tenant, itemId: string): number;
  zuperQty(tenant: Tenant, productUid: string): number;
  /** A QuickBooks invoice selling `qty` of the item, written as a QuickBooks user (its webhook follows). */
  sellInQbo(tenant: Tenant, itemId: string, qty: number): string;
  /** A Zuper invoice consuming `qty` of the product at W1, through Zuper's API (its webhook follows). */
  consumeInZuper(tenant: Tenant, productUid: string, qty: number): Promise<string>;
  /** POSTs to the QuickBooks webhook, signed with the verifier token unless another signature is given. */
  postQbo(body: string, signature?: string): Promise<{ status: number; body: unknown }>;
  /** POSTs to a connection's Zuper webhook with this secret header (none when null). */
  postZuper(connectionId: string, body: string, secret: string | null): Promise<{ status: number; body: unknown }>;
  /** Every secret value this stack knows of right now: stored tokens, keys and secrets, server credentials. */
  secrets(): Promise<Record<string, string>>;
  /** Stops everything and deletes the data folder, unless told to keep it for inspection. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** Keeps the worker's own log to warnings; call before any connection (once per process). */
export const quietWorkerLogs = () => Runtime.install({ logger: new DefaultLogger('WARN') });

const temporalAddress = () => {
  const value = process.env.TEMPORAL_TEST_ADDRESS;
  if (!value) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run through npm test, or start a Temporal dev server');
  return value;
};

/**
 * The service as deployed, on one machine: both emulators, the app context from the environment (SECRETS_KEY,
 * OPERATOR_TOKEN, PGlite on disk), the real HTTP server with the operator API on the port its public URL names
 * (webhooks registered in both emulators point at it), and a worker on a task queue of its own.
 */
/** One CloudEvent as Intuit sends it, with a fresh id and the current time. */
export const qboCloudEvent = (realmId: string, type: string, entityId: string) => ({
  specversion: '1.0',
  id: randomBytes(16).toString('hex'),
  source: 'intuit.security-test',
  type,
  datacontenttype: 'application/json',
  time: new Date().toISOString(),
  intuitentityid: entityId,
  intuitaccountid: realmId,
  data: {},
});

const intuitSignature = (body: string, verifierToken: string) =>
  createHmac('sha256', verifierToken).update(body).digest('base64');

async function post(url: string, headers: Record<string, string>, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function startSecureStack(options: SecureStackOptions = {}): Promise<SecureStack> {
  const [qbo, zuper, port] = await Promise.all([
    startQboEmulator({ seed: 11 }),
    startZuperEmulator({ timeScale: 1000, seed: 11 }),
    freePort(),
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'qzsync-security-'));
  const secretsKey = randomBytes(32).toString('base64');
  const operatorToken = `op-${randomBytes(24).toString('base64url')}`;
  const verifierToken = `verifier-${randomBytes(16).toString('hex')}`;
  const env = loadEnv({
    // Not development: the codec endpoint wants the operator token, as in production.
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    SECRETS_KEY: secretsKey,
    SECRETS_KEY_ID: 'k1',
    OPERATOR_TOKEN: operatorToken,
    TEMPORAL_ADDRESS: temporalAddress(),
    TEMPORAL_TASK_QUEUE: `security-${randomBytes(6).toString('hex')}`,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    ZUPER_ACCOUNTS_URL: zuper.baseUrl,
    ITEM_IDLE_TIMEOUT: '2s',
    ...options.env,
  });
  qbo.admin.registerApp({
    ...emulatorQboApp,
    redirectUris: [qboRedirectUri(env)],
    webhookUrl: `${publicBaseUrl(env)}/webhooks/qbo`,
    verifierToken,
    webhookFormat: 'cloudevents',
  });
  // As `npm run worker` runs it (the token keeper too), beside the whole HTTP surface.
  const service = await composeService({
    env,
    qboEmulatorUrl: qbo.baseUrl,
    worker: true,
    upkeep: true,
    http: {
      host: env.HTTP_HOST,
      port,
      server: {
        webhookSigningKeys: { qbo: verifierToken },
        logger: options.logStream ? { level: 'trace', stream: options.logStream } : false,
      },
      ...(options.beforeListen ? { beforeListen: options.beforeListen } : {}),
    },
  });
  const { ctx } = service;
  const app = service.http!.app;
  const url = publicBaseUrl(env);
  const rawTemporal = new Client({ connection: ctx.temporal.connection, namespace: env.TEMPORAL_NAMESPACE });
  const tenants: Tenant[] = [];

  const api: SecureStack['api'] = async (method, path, body, bearer = operatorToken) => {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const expect = async (what: string, answer: Promise<{ status: number; body: unknown }>, status = 200) => {
    const { status: got, body } = await answer;
    if (got !== status) throw new Error(`${what}: ${got} ${JSON.stringify(body)}`);
    return body;
  };

  const stack: SecureStack = {
    ctx,
    qbo,
    zuper,
    app,
    url,
    dataDir,
    secretsKey,
    operatorToken,
    verifierToken,
    rawTemporal,
    api,
    async tenant(name) {
      const id = `${name}-${randomBytes(3).toString('hex')}`;
      await expect(`create ${id}`, api('POST', '/api/connections', { id, displayName: `Tenant ${name}` }), 201);
      const { realmId } = qbo.admin.createRealm({ companyName: `QBO ${id}`, itemCategoriesFeature: true });
      qbo.admin.updateSettings({ oauth: { authorizeRealmId: realmId } });
      const link = (await expect(`qbo link ${id}`, api('POST', `/api/connections/${id}/qbo`))) as { url: string };
      const page = await new TestBrowser().open(link.url);
      if (page.status !== 200) throw new Error(`QuickBooks OAuth for ${id}: ${page.status} ${await page.text()}`);
      const company = zuper.admin.createCompany({
        company_name: id,
        api_key: `zk-${randomBytes(16).toString('hex')}`,
        locations: [{ location_name: 'W1' }, { location_name: 'W2' }],
        categories: [{ category_name: 'Parts' }],
      });
      await expect(
        `zuper ${id}`,
        api('POST', `/api/connections/${id}/zuper`, { company: id, apiKey: company.api_key }),
      );
      const [w1 = '', w2 = ''] = company.location_uids;
      await expect(
        `configure ${id}`,
        api('PUT', `/api/connections/${id}/settings`, { productMaster: 'qbo', defaultLocationUid: w1 }),
      );
      const tenant = { id, realmId, zuper: company, w1, w2 };
      tenants.push(tenant);
      return tenant;
    },
    async link(tenant) {
      const answer = (await expect(
        `link ${tenant.id}`,
        api('POST', `/api/connections/${tenant.id}/link?waitMs=30000`, { dryRun: false }),
      )) as { state: string; result: unknown };
      if (answer.state !== 'completed') throw new Error(`link ${tenant.id}: ${JSON.stringify(answer)}`);
      return answer.result;
    },
    qboQty: (tenant, itemId) => Number(qbo.admin.getEntity(tenant.realmId, 'Item', itemId)?.QtyOnHand ?? NaN),
    zuperQty: (tenant, uid) => Number(zuper.admin.product(tenant.zuper.company_name, uid)?.quantity ?? NaN),
    sellInQbo: (tenant, itemId, qty) => sellOnInvoice(qbo.admin, tenant.realmId, { itemId, qty, unitPrice: 1 }),
    consumeInZuper: (tenant, productUid, qty) =>
      consumeOnInvoice(`${zuper.baseUrl}/api`, tenant.zuper.api_key, {
        productUid,
        locationUid: tenant.w1,
        qty,
        unitPrice: 1,
      }),
    postQbo: (body, signature = intuitSignature(body, verifierToken)) =>
      post(`${url}/webhooks/qbo`, { 'intuit-signature': signature }, body),
    postZuper: (connectionId, body, secret) =>
      post(
        `${url}/webhooks/zuper/${encodeURIComponent(connectionId)}`,
        secret === null ? {} : { [zuperSecretHeader]: secret },
        body,
      ),
    async secrets() {
      const found: Record<string, string> = {
        secretsKey,
        operatorToken,
        verifierToken,
        qboClientSecret: ctx.apps.qbo.clientSecret,
      };
      for (const t of tenants) {
        const connection = await ctx.store.connections.get(t.id);
        if (credentialFields(connection).hasQboTokens) {
          const tokens = await storedCredentials(ctx.store).loadQboTokens(t.id);
          found[`${t.id} QBO access token`] = tokens.accessToken;
          found[`${t.id} QBO refresh token`] = tokens.refreshToken;
        }
        if (credentialFields(connection).hasZuperKey) {
          const zuperCredentials = await storedCredentials(ctx.store).loadZuper(t.id);
          found[`${t.id} Zuper API key`] = zuperCredentials.apiKey;
          found[`${t.id} Zuper webhook secret`] = zuperCredentials.webhookSecret;
        }
      }
      return found;
    },
    async close({ keepData = false } = {}) {
      for (const t of tenants) {
        await reconcileSchedule(ctx.temporal, t.id)
          .delete()
          .catch(() => undefined);
      }
      await service.stop();
      await Promise.all([qbo.close(), zuper.close()]);
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
