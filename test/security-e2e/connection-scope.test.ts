/**
 * Operator tokens limited to some connections, on a running server: a token for "acme" neither reads nor changes
 * "globex" on any operator route (every registered route is enumerated, so a route added later is covered), its
 * listings show only acme, a revoked token is refused, and the operator token still reaches everything.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { createHttpServer } from '../../server/http-server.js';
import type { ScopedTokenView } from '../../operator/contract/tokens.js';
import { routesOf } from '../../security/route-access.js';
import { reconcileWorkflow } from '../../workflows/reconcile.js';
import { ConnectionIdKey, SyncKindKey } from '../../workflows/search-attributes.js';
import { cli } from '../cli/run-cli.js';
import { openTestContext, seedQboConnection } from '../server/support.js';
import { rawRequest } from '../support/raw-http.js';

let ctx: AppContext;
let app: ReturnType<typeof createHttpServer>;
let port: number;
let acmeToken: string;
let acmeTokenId: string;
const ids = {
  acme: { history: 0, run: `reconcile:acme:${randomUUID()}` },
  globex: { history: 0, run: `reconcile:globex:${randomUUID()}` },
};

/** The fields of operator answers these tests look at. */
interface Body {
  error?: { code: string; message: string };
  id?: string;
  token?: string;
  connectionId?: string;
  revokedAt?: string | null;
  connections?: { id: string }[];
  entries?: { id: number }[];
  tokens?: ScopedTokenView[];
}

interface Answer {
  status: number;
  body: Body | undefined;
}

async function call(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const answer = await rawRequest(port, method, path, headers, body === undefined ? '' : JSON.stringify(body));
  return { status: answer.status, body: answer.body ? (JSON.parse(answer.body) as Body) : undefined };
}
const admin = () => ctx.env.OPERATOR_TOKEN!;

before(async () => {
  ctx = await openTestContext({ env: { NODE_ENV: 'production' } });
  for (const [name, realm] of [
    ['acme', '9130000000001'],
    ['globex', '9130000000002'],
  ] as const) {
    await seedQboConnection(ctx, name, realm);
    ids[name].history = await ctx.store.history.record({
      connectionId: name,
      kind: 'reconcile',
      status: 'failed',
      summary: `${name} reconciliation failed`,
    });
    // No worker polls this task queue: the run stays open, and its connection is its search attribute.
    await ctx.temporal.workflow.start(reconcileWorkflow, {
      workflowId: ids[name].run,
      taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
      args: [{ connectionId: name }],
      typedSearchAttributes: [
        { key: ConnectionIdKey, value: name },
        { key: SyncKindKey, value: 'reconcile' },
      ],
    });
  }
  app = createHttpServer(ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
  const created = await call('POST', '/api/tokens', admin(), { label: 'acme support', connections: ['acme'] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  acmeToken = created.body!.token!;
  acmeTokenId = created.body!.id!;
});
after(async () => {
  for (const { run } of Object.values(ids)) {
    await ctx.temporal.workflow
      .getHandle(run)
      .terminate()
      .catch(() => undefined);
  }
  await app.close();
  await ctx.close();
});

/** The route's path naming globex's connection, history row and run. */
const globexPath = (url: string) =>
  url
    .replace(':id', 'globex')
    .replace(':historyId', String(ids.globex.history))
    .replace(':workflowId', encodeURIComponent(ids.globex.run))
    .replace(':action', 'pause')
    .replace(':tokenId', acmeTokenId);

/** Bodies the handlers would accept, so a route that skipped the check would act on globex. */
const bodies: Record<string, unknown> = {
  'POST /api/connections': { id: 'globex-two' },
  'PUT /api/connections/:id/settings': { productMaster: 'zuper' },
  'POST /api/connections/:id/zuper': { company: 'globex', apiKey: 'globex-zuper-key' },
  'POST /api/connections/:id/link': { dryRun: true },
  'POST /api/tokens': { label: 'escalation', connections: ['globex'] },
};
const bodyOf = (method: string, url: string) =>
  bodies[`${method} ${url}`] ?? (method === 'GET' || method === 'DELETE' ? undefined : {});

/** Everything a request could change, read straight from the store and from Temporal. */
async function snapshot() {
  const tables = ['connections', 'sync_runs', 'operator_tokens'];
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    rows[table] = (await ctx.store.db.query(`SELECT * FROM ${table}`)).map((r) => JSON.stringify(r)).sort();
  }
  const workflows: string[] = [];
  for await (const wf of ctx.temporal.workflow.list({ query: 'ConnectionId="globex"' })) workflows.push(wf.workflowId);
  return { rows, workflows: workflows.sort() };
}

test('every operator route declares how it finds its connection', () => {
  const operatorRoutes = routesOf(app).filter((r) => r.access === 'operator');
  assert.ok(operatorRoutes.length >= 20, `${operatorRoutes.length} operator routes`);
  const undeclared = operatorRoutes.filter((r) => r.connections === undefined);
  assert.deepEqual(undeclared, []);
  const kind = (method: string, url: string) => operatorRoutes.find((r) => r.method === method && r.url === url);
  assert.equal(kind('GET', '/api/connections')?.connections, 'listing');
  assert.equal(kind('PUT', '/api/connections/:id/settings')?.connections, 'connection');
  assert.equal(kind('GET', '/api/history/:historyId')?.connections, 'lookup');
  assert.equal(kind('POST', '/api/tokens')?.connections, 'all');
});

test('a token for acme neither reads nor changes globex on any operator route', async () => {
  const before = await snapshot();
  const wrong: string[] = [];
  let checked = 0;
  for (const route of routesOf(app).filter((r) => r.access === 'operator')) {
    const path = globexPath(route.url);
    const answer = await call(route.method, path, acmeToken, bodyOf(route.method, route.url));
    const seen = `${route.method} ${path} -> ${answer.status} ${JSON.stringify(answer.body)}`;
    // HEAD answers carry no body, so only their status can be checked.
    const refusedWith = (code: string) =>
      answer.status === 403 && (route.method === 'HEAD' || answer.body?.error?.code === code);
    checked++;
    switch (route.connections) {
      case 'connection':
        if (!refusedWith('forbidden_connection')) wrong.push(seen);
        else if (route.method !== 'HEAD')
          assert.match(answer.body!.error!.message, /reaches only the connections "acme", not "globex"/);
        break;
      case 'all':
        if (!refusedWith('forbidden')) wrong.push(seen);
        break;
      case 'lookup': {
        // Exactly what a row or run that does not exist gets: the id of globex's is not even confirmed.
        const missing = route.url.includes(':historyId')
          ? route.url.replace(':historyId', '2147483000')
          : route.url.replace(':workflowId', `reconcile:nobody:${randomUUID()}`);
        const absent = await call(route.method, missing, acmeToken, bodyOf(route.method, route.url));
        const neutral = (a: Answer, id: string) => String(JSON.stringify(a.body)).replace(id, '<id>');
        const ownId = route.url.includes(':historyId') ? String(ids.globex.history) : ids.globex.run;
        const missingId = missing.split('/')[3]!;
        if (answer.status !== 404 || neutral(answer, ownId) !== neutral(absent, missingId) || absent.status !== 404)
          wrong.push(`${seen} (a missing one: ${absent.status} ${JSON.stringify(absent.body)})`);
        break;
      }
      case 'listing': {
        // HEAD answers no body: nothing to filter.
        const listed = answer.body?.connections?.map((c) => c.id) ?? [];
        const expected = route.method === 'HEAD' ? [] : ['acme'];
        if (answer.status !== 200 || JSON.stringify(listed) !== JSON.stringify(expected)) wrong.push(seen);
        break;
      }
      default:
        wrong.push(`${seen}: no connection scope declared`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(checked >= 20);
  assert.deepEqual(await snapshot(), before, 'nothing of globex (or anything else) changed');
});

test('other spellings of globex are refused too', async () => {
  for (const path of [
    '/api/connections/%67lobex/status',
    '/api/connections/%67%6C%6F%62%65%78/history',
    '/api/connections/GLOBEX/status',
    '/api//connections/globex/status',
    '/api/connections/globex/status/',
    '/api/connections/acme/../globex/status',
  ]) {
    const answer = await call('GET', path, acmeToken);
    assert.ok([403, 404].includes(answer.status), `${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    assert.doesNotMatch(JSON.stringify(answer.body), /9130000000002|settings|links/, path);
  }
});

test('a malformed row or run id is refused as for the operator token, before any lookup', async () => {
  for (const path of ['/api/history/2147483648', '/api/history/%00/retry', '/api/runs/x?runId=not-a-uuid']) {
    const method = path.endsWith('/retry') ? 'POST' : 'GET';
    const scoped = await call(method, path, acmeToken, method === 'POST' ? {} : undefined);
    const asAdmin = await call(method, path, admin(), method === 'POST' ? {} : undefined);
    assert.equal(scoped.status, 400, `${path}: ${JSON.stringify(scoped.body)}`);
    assert.deepEqual(scoped.body, asAdmin.body);
  }
});

test('the acme token reaches acme: its status, history, rows and runs', async () => {
  const status = await call('GET', '/api/connections/acme/status', acmeToken);
  assert.equal(status.status, 200);
  assert.equal(status.body?.id, 'acme');
  const history = await call('GET', '/api/connections/acme/history', acmeToken);
  assert.equal(history.status, 200);
  assert.deepEqual(
    history.body?.entries?.map((e) => e.id),
    [ids.acme.history],
  );
  const row = await call('GET', `/api/history/${ids.acme.history}`, acmeToken);
  assert.equal(row.status, 200);
  assert.equal(row.body?.connectionId, 'acme');
  const run = await call('GET', `/api/runs/${encodeURIComponent(ids.acme.run)}?waitMs=0`, acmeToken);
  assert.equal(run.status, 202);
  assert.equal(run.body?.connectionId, 'acme');
});

test('the operator token still reaches every connection, and only it manages tokens', async () => {
  const list = await call('GET', '/api/connections', admin());
  assert.deepEqual(
    list.body?.connections?.map((c) => c.id),
    ['acme', 'globex'],
  );
  assert.equal((await call('GET', '/api/connections/globex/status', admin())).status, 200);
  const row = await call('GET', `/api/history/${ids.globex.history}`, admin());
  assert.equal(row.body?.connectionId, 'globex');
  const run = await call('GET', `/api/runs/${encodeURIComponent(ids.globex.run)}?waitMs=0`, admin());
  assert.equal(run.status, 202);
  assert.equal(run.body?.connectionId, 'globex');
  const tokens = await call('GET', '/api/tokens', admin());
  assert.deepEqual(tokens.body?.tokens, [
    {
      id: acmeTokenId,
      label: 'acme support',
      connections: ['acme'],
      createdAt: tokens.body?.tokens?.[0]?.createdAt,
      revokedAt: null,
    },
  ]);
  assert.equal(JSON.stringify(tokens.body).includes(acmeToken), false, 'the token itself is never listed');
  const unknown = await call('POST', '/api/tokens', admin(), { label: 'typo', connections: ['globx'] });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body?.error?.code, 'connection_not_found');
});

test('only a hash of the token is stored', async () => {
  const rows = await ctx.store.db.query('SELECT * FROM operator_tokens');
  const stored = JSON.stringify(rows);
  const secret = acmeToken.split('_').slice(2).join('_');
  assert.equal(stored.includes(secret), false);
  assert.match(stored, /"secret_sha256":"[0-9a-f]{64}"/);
});

test('a scoped token opens neither the codec nor /metrics, and a forged one opens nothing', async () => {
  const json = { 'content-type': 'application/json', authorization: `Bearer ${acmeToken}` };
  assert.equal((await rawRequest(port, 'POST', '/codec/decode', json, '{"payloads":[]}')).status, 401);
  assert.equal((await rawRequest(port, 'GET', '/metrics', { authorization: `Bearer ${acmeToken}` })).status, 401);
  const forged = `qzs_${acmeTokenId}_${'A'.repeat(43)}`;
  assert.equal((await call('GET', '/api/connections/acme/status', forged)).status, 401);
  const otherId = `qzs_000000000000_${acmeToken.slice(-43)}`;
  assert.equal((await call('GET', '/api/connections/acme/status', otherId)).status, 401);
});

test('qzsync token create, list and revoke; the CLI with a scoped token sees only its connection', async () => {
  const url = `http://127.0.0.1:${port}`;
  const asAdmin = { QZSYNC_URL: url, OPERATOR_TOKEN: admin() };
  const created = await cli(['token', 'create', '--connections', 'globex', '--label', 'globex ops', '--json'], asAdmin);
  assert.equal(created.code, 0, created.stderr);
  const { id, token } = created.json() as { id: string; token: string };
  const text = await cli(['token', 'create', '--connections', 'acme,globex', '--label', 'both'], asAdmin);
  assert.match(
    text.stdout,
    /^Created token [0-9a-f]{12} \("both"\) for "acme", "globex":\n {2}qzs_[0-9a-f]{12}_\S{43}\n/,
  );
  const listed = await cli(['token', 'list'], asAdmin);
  assert.match(listed.stdout, new RegExp(`\\n${id} +globex ops +globex +\\S+ +active\\n`));

  const asGlobex = { QZSYNC_URL: url, OPERATOR_TOKEN: token };
  const connections = await cli(['connections', '--json'], asGlobex);
  assert.deepEqual(
    (connections.json() as { connections: { id: string }[] }).connections.map((c) => c.id),
    ['globex'],
  );
  const other = await cli(['status', 'acme'], asGlobex);
  assert.equal(other.code, 1);
  assert.match(other.stderr, /reaches only the connections "globex", not "acme"/);
  const escalate = await cli(['token', 'create', '--connections', 'acme', '--label', 'me too'], asGlobex);
  assert.equal(escalate.code, 1);
  assert.match(escalate.stderr, /takes the operator token/);
  const missingFlags = await cli(['token', 'create', '--label', 'x'], asAdmin);
  assert.equal(missingFlags.code, 2);

  const revoked = await cli(['token', 'revoke', id], asAdmin);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.match(revoked.stdout, new RegExp(`^Revoked token ${id} \\("globex ops"\\)`));
  assert.equal((await cli(['connections'], asGlobex)).code, 4, 'a revoked token is refused (unauthorised)');
});

test('a revoked token is refused from its next request on', async () => {
  const revoked = await call('DELETE', `/api/tokens/${acmeTokenId}`, admin());
  assert.equal(revoked.status, 200);
  assert.equal(typeof revoked.body?.revokedAt, 'string');
  const refused = await call('GET', '/api/connections/acme/status', acmeToken);
  assert.equal(refused.status, 401);
  assert.equal(refused.body?.error?.code, 'unauthorized');
  assert.equal((await call('GET', '/api/connections', acmeToken)).status, 401);
  const missing = await call('DELETE', '/api/tokens/0123456789ab', admin());
  assert.equal(missing.status, 404);
  assert.equal(missing.body?.error?.code, 'token_not_found');
});
