/**
 * Access control lives in the router: every route declares who may call it, and a guarded route refuses a request
 * without its token however the path is spelt, because the check runs on the route Fastify matched, not on the URL
 * text. Every registered route is enumerated, so a route added later is covered without editing this test.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { AppContext } from '../../service/context.js';
import { createHttpServer } from '../../server/http-server.js';
import { enforceRouteAccess, routeAccess, routesOf, type DeclaredRoute } from '../../security/route-access.js';
import { accessGuards } from '../../server/http/access-guards.js';
import { openTestContext, seedQboConnection, seedZuperConnection } from '../server/support.js';
import { rawRequest } from '../support/raw-http.js';

const connectionId = 'acme';
let ctx: AppContext;
let app: ReturnType<typeof createHttpServer>;
let port: number;

before(async () => {
  ctx = await openTestContext({ env: { NODE_ENV: 'production', METRICS_TOKEN: `metrics-${randomUUID()}` } });
  await seedQboConnection(ctx, connectionId, '9130000000001');
  await seedZuperConnection(ctx, 'acme-zuper', `secret-${randomUUID()}`);
  app = createHttpServer(ctx, { logger: false, webhookSigningKeys: { qbo: `verifier-${randomUUID()}` } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});
after(async () => {
  await app.close();
  await ctx.close();
});

/** The route's path with its parameters filled in with real ids, so a bypass would reach real data. */
const concrete = (url: string) =>
  url
    .replace(':connectionId', connectionId)
    .replace(':id', connectionId)
    .replace(':historyId', '1')
    .replace(':workflowId', 'reconcile-acme')
    .replace(':action', 'trigger')
    .replace('*', 'decode');

const encodeFirstLetter = (path: string) =>
  path.replace(/\/([a-z])/, (_all, letter: string) => `/%${letter.charCodeAt(0).toString(16)}`);
const encodeEveryLetter = (path: string) =>
  path.replace(/[a-z]/g, (letter) => `%${letter.charCodeAt(0).toString(16).toUpperCase()}`);

/** The spellings of one path a router or proxy might treat as the same resource. */
function spellings(path: string): string[] {
  return [
    path,
    encodeFirstLetter(path),
    encodeEveryLetter(path),
    `/${path}`,
    path.replace(/\/(?=[^/]*$)/, '//'),
    path.toUpperCase(),
    path.replace(/^\/(.)/, (_all, c: string) => `/${c.toUpperCase()}`),
    `${path}.`,
    `${path}/`,
    `/.${path}`,
    `/x/..${path}`,
    `${path};x=1`,
    `${path}?x=1`,
    path.replace(/\/(?=[^/]*$)/, '%2F'),
    `http://127.0.0.1:${port}${path}`,
    `http://attacker.example${encodeFirstLetter(path)}`,
  ];
}

const guarded = (route: DeclaredRoute) => ['operator', 'codec', 'metrics'].includes(route.access);

test('every route declares its access, and every kind of access is in use', () => {
  const routes = routesOf(app);
  assert.ok(routes.length >= 25, `all routes are listed (${routes.length})`);
  const kinds = new Set(routes.map((r) => r.access));
  assert.deepEqual([...kinds].sort(), ['browser-session', 'codec', 'metrics', 'operator', 'public', 'webhook']);
  const access = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.access;
  assert.equal(access('POST', '/codec/decode'), 'codec');
  assert.equal(access('GET', '/metrics'), 'metrics');
  assert.equal(access('GET', '/api/connections/:id/status'), 'operator');
  assert.equal(access('POST', '/webhooks/qbo'), 'webhook');
  assert.equal(access('GET', '/oauth/qbo/callback'), 'browser-session');
  assert.equal(access('GET', '/healthz'), 'public');
});

test('no spelling of a guarded route is answered without its token', async () => {
  const answered: string[] = [];
  let refusedAtRoute = 0;
  for (const route of routesOf(app).filter(guarded)) {
    for (const target of spellings(concrete(route.url))) {
      for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token-wrong' }] as Record<
        string,
        string
      >[]) {
        const answer = await rawRequest(
          port,
          route.method,
          target,
          { 'content-type': 'application/json', ...headers },
          route.method === 'GET' || route.method === 'HEAD' ? '' : '{"payloads":[]}',
        );
        if (answer.status === 401) refusedAtRoute++;
        if (![400, 401, 404].includes(answer.status)) answered.push(`${route.method} ${target} -> ${answer.status}`);
      }
    }
  }
  assert.deepEqual(answered, [], 'every spelling is refused (401), not found (404) or malformed (400)');
  assert.ok(refusedAtRoute >= routesOf(app).filter(guarded).length * 2, 'each route itself refused without a token');
});

test('the codec refuses a percent-encoded or absolute-form path without the token, and decodes with it', async () => {
  const body = JSON.stringify({
    payloads: [
      {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from('"x"').toString('base64'),
      },
    ],
  });
  const json = { 'content-type': 'application/json' };
  for (const target of [
    '/codec/encode',
    '/%63odec/encode',
    `http://127.0.0.1:${port}/codec/encode`,
    '//codec/encode',
  ]) {
    const answer = await rawRequest(port, 'POST', target, json, body);
    assert.ok([401, 404].includes(answer.status), `${target}: ${answer.status}`);
    assert.doesNotMatch(answer.body, /payloads/, `${target} returned no payloads`);
  }
  const refused = await rawRequest(port, 'POST', '/%63odec/encode', json, body);
  assert.equal(refused.status, 401, 'the encoded path reaches the codec route, which refuses it');
  assert.match(refused.head, /www-authenticate: Bearer realm="qzsync"/i);
  const allowed = await rawRequest(
    port,
    'POST',
    '/%63odec/encode',
    { ...json, authorization: `Bearer ${ctx.env.OPERATOR_TOKEN}` },
    body,
  );
  assert.equal(allowed.status, 200);
  assert.match(allowed.body, /binary\/encrypted|payloads/);
});

test('metrics and codec take their own tokens, which do not open the operator API', async () => {
  const metricsToken = { authorization: `Bearer ${ctx.env.METRICS_TOKEN}` };
  assert.equal((await rawRequest(port, 'GET', '/metrics', metricsToken)).status, 200);
  assert.equal((await rawRequest(port, 'GET', '/metrics')).status, 401);
  assert.equal((await rawRequest(port, 'GET', '/api/connections', metricsToken)).status, 401);
  assert.equal(
    (
      await rawRequest(
        port,
        'POST',
        '/codec/decode',
        { ...metricsToken, 'content-type': 'application/json' },
        '{"payloads":[]}',
      )
    ).status,
    401,
  );
  const operator = { authorization: `Bearer ${ctx.env.OPERATOR_TOKEN}` };
  const list = await rawRequest(port, 'GET', '/api/connections', operator);
  assert.equal(list.status, 200);
  assert.match(list.body, /acme/);
});

test('webhook and OAuth callback routes refuse every spelling without credentials and store nothing', async () => {
  const stored = async () =>
    (await ctx.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_deliveries'))[0]?.n;
  const before = await stored();
  const answered: string[] = [];
  for (const route of routesOf(app).filter((r) => r.access === 'webhook' || r.access === 'browser-session')) {
    for (const target of spellings(concrete(route.url))) {
      const answer = await rawRequest(
        port,
        route.method,
        target,
        { 'content-type': 'application/json' },
        route.method === 'GET' ? '' : '{"eventNotifications":[]}',
      );
      if (answer.status < 400 || answer.status >= 500) answered.push(`${route.method} ${target} -> ${answer.status}`);
    }
  }
  assert.deepEqual(answered, []);
  assert.equal(await stored(), before);
});

test('a server with a route that declares no access, or an operator route no connection scope, refuses to start', async () => {
  const bare = Fastify({ logger: false });
  enforceRouteAccess(bare, accessGuards(ctx.env, ctx.store.operatorTokens));
  void bare.register((scope, _options, done) => {
    routeAccess(scope, 'operator');
    scope.get('/declared-by-scope', { config: { connections: { kind: 'all' } } }, () => 'ok');
    scope.get('/no-connection-scope', () => 'ok');
    done();
  });
  bare.get('/forgotten', () => 'open');
  await assert.rejects(
    async () => bare.ready(),
    /routes without a declared access \(config.access; operator routes also config.connections\): GET \/forgotten, HEAD \/forgotten, GET \/no-connection-scope, HEAD \/no-connection-scope$/,
  );
  await bare.close().catch(() => undefined);
});

test('the codec answers 400 with the reason for a payload it cannot decrypt, never 500', async () => {
  const operator = { authorization: `Bearer ${ctx.env.OPERATOR_TOKEN}`, 'content-type': 'application/json' };
  const sealed = (keyId: string, data: string) =>
    JSON.stringify({
      payloads: [
        {
          metadata: {
            encoding: Buffer.from('binary/encrypted').toString('base64'),
            'encryption-key-id': Buffer.from(keyId).toString('base64'),
          },
          data: Buffer.from(data).toString('base64'),
        },
      ],
    });
  const unknownKey = await rawRequest(port, 'POST', '/codec/decode', operator, sealed('nosuchkey', 'x'.repeat(40)));
  assert.equal(unknownKey.status, 400);
  assert.match(unknownKey.body, /unknown key id \\"nosuchkey\\"/);
  const tampered = await rawRequest(port, 'POST', '/codec/decode', operator, sealed(ctx.env.SECRETS_KEY_ID, 'short'));
  assert.equal(tampered.status, 400);
  assert.match(tampered.body, /cannot be decrypted/);
});
