/**
 * A property-based fuzzer over the whole HTTP surface of a production-mode server (real PGlite store, the test
 * Temporal server): generated paths, methods, headers and bodies go to every registered route, with and without the
 * operator token, and webhook bodies are signed with the real secrets so the fuzz reaches the parsers behind the
 * signature checks. What must hold for every request: an answer below 500, nothing stored for a refused request, and
 * the server still healthy afterwards. FUZZ_SEED replays a failing run; FUZZ_RUNS makes it longer (`npm run fuzz`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { AppContext } from '../../service/context.js';
import { createHttpServer } from '../../server/http-server.js';
import { routesOf, type DeclaredRoute } from '../../security/route-access.js';
import { intuitSignatureOf, openTestContext, seedQboConnection, seedZuperConnection } from '../server/support.js';
import { recordedZuperBody } from '../support/zuper-deliveries.js';
import { rawRequest, type RawAnswer } from '../support/raw-http.js';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2_147_483_647;
const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;
const realmId = '9130000000021';
const zuperSecret = `secret-${randomUUID()}`;
const verifier = `verifier-${randomUUID()}`;

let ctx: AppContext;
let app: ReturnType<typeof createHttpServer>;
let port: number;

before(async () => {
  ctx = await openTestContext({ env: { NODE_ENV: 'production', METRICS_TOKEN: `metrics-${randomUUID()}` } });
  await seedQboConnection(ctx, 'acme', realmId);
  await seedZuperConnection(ctx, 'acme-zuper', zuperSecret);
  app = createHttpServer(ctx, { logger: false, webhookSigningKeys: { qbo: verifier } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});
after(async () => {
  await app.close();
  await ctx.close();
});

/** Values a careless or hostile sender puts where an id or a number belongs, already percent-encoded for a path. */
const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'acme',
    'acme-zuper',
    '1',
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%F0%9F%98%80',
    '%C0%AF',
    '%FF%FE',
    '2147483648',
    '-1',
    '0',
    '1e400',
    '9'.repeat(400),
    'NaN',
    '..',
    '%2e%2e',
    '%2F',
    '%0d%0aX-Injected:%201',
    'trigger',
    'pause',
    'reconcile:acme',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
  fc
    .uint8Array({ maxLength: 40 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.integer({ min: 1, max: 9000 }).map((n) => 'a'.repeat(n)),
);

/** Mostly the well-formed value, so requests get past the first check often enough to reach the deeper ones. */
const mostly = <T, U>(good: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: hostile });

/** What each parameter holds in a well-formed request (the seeded connections, a history row, a real action). */
const wellFormed: Record<string, string> = {
  ':connectionId': 'acme-zuper',
  ':id': 'acme',
  ':historyId': '1',
  ':workflowId': 'reconcile:acme',
  ':action': 'trigger',
  '*': 'decode',
};

/** A route's path with each parameter (and the wildcard) filled with a real or a hostile value. */
const pathOf = (route: DeclaredRoute): fc.Arbitrary<string> => {
  const holes = route.url.match(/:[A-Za-z]+|\*/g) ?? [];
  return fc
    .tuple(...holes.map((hole) => mostly(fc.constant(wellFormed[hole] ?? 'x'), hostileSegment)))
    .map((values) => {
      let i = 0;
      return route.url.replace(/:[A-Za-z]+|\*/g, () => values[i++] ?? '');
    });
};

const queryOf: fc.Arbitrary<string> = mostly(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('connection', 'state', 'code', 'realmId', 'item', 'limit', 'before', 'waitMs', 'runId', 'x'),
        hostileSegment,
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`)),
);

const methodOf = (route: DeclaredRoute) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
  );

/** Any JSON value, including very deep nesting and numbers JavaScript cannot hold exactly. */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  fc.constantFrom(null, true, -0, 2147483648, 1e308, -1, 0.5, '', '\u0000', '\ud800', 'x'.repeat(5000), [], {}),
);

/** A value to put in place of one field of a well-formed body. */
const mutatedField: fc.Arbitrary<unknown> = fc.oneof(
  hostileJson,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udc00x',
    '\u001f',
    '2147483648',
    '1e400',
    '',
    ' ',
    '99999999999999h',
  ),
);

/** A JSON text with the given value, sometimes with a key repeated or a number too large for a double. */
const asText = (value: unknown): fc.Arbitrary<string> =>
  fc.constantFrom('plain', 'duplicate', 'huge').map((variant) => {
    const text = JSON.stringify(value) ?? 'null';
    if (variant === 'duplicate' && text.startsWith('{"')) return `{"event":"product.update",${text.slice(1)}`;
    if (variant === 'huge') return text.replace(/:(\d+|"[^"]*")/, () => ':1e400');
    return text;
  });

const mutate = (base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .array(fc.tuple(fc.constantFrom(...Object.keys(base), 'extra'), mutatedField), { maxLength: 3 })
    .chain((changes) => mostly(fc.constant([]), fc.constant(changes)))
    .map((changes) => Object.fromEntries([...Object.entries(base), ...changes]));

const qboEntity = mutate({ name: 'Item', id: '19', operation: 'Update', lastUpdated: new Date().toISOString() });
const qboLegacy = fc.tuple(qboEntity, mutate({ realmId }), fc.boolean()).map(([entity, notification, withGood]) => ({
  eventNotifications: [
    {
      ...notification,
      dataChangeEvent: {
        entities: withGood
          ? [entity, { name: 'Item', id: '20', operation: 'Update', lastUpdated: new Date().toISOString() }]
          : [entity],
      },
    },
  ],
}));
const qboCloud = mutate({
  specversion: '1.0',
  id: randomUUID(),
  source: 'intuit.fuzz',
  type: 'qbo.item.updated.v1',
  datacontenttype: 'application/json',
  time: new Date().toISOString(),
  intuitentityid: '19',
  intuitaccountid: realmId,
  data: {},
}).map((event) => [event]);
const zuperFlat = mutate(recordedZuperBody('product.update', { product_uid: randomUUID() }));

/** Well-formed bodies of the operator routes that take one, to mutate field by field. */
const operatorBodies: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'POST /api/connections': mutate({ id: 'fuzz-1', displayName: 'Fuzz' }),
  'PUT /api/connections/:id/settings': mutate({
    productMaster: 'qbo',
    defaultLocationUid: 'L1',
    minQuantity: 0,
    nonInventoryQuantity: 5,
    reconcileEvery: '15m',
    accounts: { incomeAccountId: '1' },
  }),
  'POST /api/connections/:id/link': mutate({ dryRun: true }),
};

const bodyOf = (route: DeclaredRoute): fc.Arbitrary<string> => {
  const anyBody = fc.oneof(
    hostileJson.chain(asText),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('', '{', '{"a":', '\u0000', '[1,]', '{"payloads":[{"data":"!!"}]}', '{"name":{}}'),
  );
  if (route.url === '/webhooks/qbo') return fc.oneof(qboLegacy.chain(asText), qboCloud.chain(asText), anyBody);
  if (route.url.startsWith('/webhooks/zuper')) return fc.oneof(zuperFlat.chain(asText), anyBody);
  const operatorBody = operatorBodies[`${route.method} ${route.url}`];
  if (operatorBody) return fc.oneof(operatorBody.chain(asText), anyBody);
  return anyBody;
};

const contentTypeOf = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/cloudevents-batch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  '\u00ff\u00fe',
  'json',
  '',
);

const authorizationOf = mostly(
  fc.constantFrom('operator', 'none'),
  fc.constantFrom('junk', 'basic', 'empty', 'duplicate'),
);

interface FuzzRequest {
  route: DeclaredRoute;
  method: string;
  target: string;
  contentType: string;
  secondContentType: string | null;
  authorization: string;
  signed: boolean;
  body: string;
}

const requestOf: fc.Arbitrary<FuzzRequest> = fc.constant(null).chain(() => {
  const routes = routesOf(app);
  // Webhook routes three times over: their bodies have the most structure to explore behind the signature.
  const webhooks = routes.filter((r) => r.access === 'webhook');
  return fc.constantFrom(...routes, ...webhooks, ...webhooks).chain((route) =>
    fc.record({
      route: fc.constant(route),
      method: methodOf(route),
      target: fc.tuple(pathOf(route), queryOf).map(([path, query]) => path + query),
      contentType: mostly(fc.constant('application/json'), contentTypeOf),
      secondContentType: mostly(fc.constant(null), contentTypeOf),
      authorization: authorizationOf,
      // Webhook bodies are mostly signed, so the fuzz gets past the signature check to the parsers.
      signed: fc.oneof(
        { weight: route.access === 'webhook' ? 5 : 1, arbitrary: fc.constant(true) },
        fc.constant(false),
      ),
      body: bodyOf(route),
    }),
  );
});

function headersOf(request: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': request.contentType };
  // Header names differing only in case reach the server as the same header sent twice.
  if (request.secondContentType !== null) headers['Content-Type'] = request.secondContentType;
  const operator = `Bearer ${ctx.env.OPERATOR_TOKEN}`;
  const authorization: Record<string, string> = {
    operator,
    junk: 'Bearer \u00ff\u0001junk',
    basic: 'Basic Og==',
    empty: '',
  };
  if (request.authorization === 'duplicate') {
    headers.authorization = operator;
    headers.Authorization = 'Bearer wrong';
  } else if (request.authorization in authorization) {
    headers.authorization = authorization[request.authorization]!;
  }
  if (request.signed) {
    headers['intuit-signature'] = intuitSignatureOf(request.body, verifier);
    headers['x-qzsync-webhook-secret'] = zuperSecret;
  }
  return headers;
}

/** Everything a refused request must leave as it was. */
async function storedState(): Promise<string> {
  const rows = await ctx.store.db.query<{ deliveries: number; connections: string }>(
    `SELECT (SELECT count(*)::int FROM webhook_deliveries) AS deliveries,
            (SELECT coalesce(string_agg(c::text, '|' ORDER BY id), '') FROM connections c) AS connections`,
  );
  return JSON.stringify(rows[0]);
}

const answerWithin = (ms: number, answer: Promise<RawAnswer>) =>
  Promise.race([
    answer,
    new Promise<RawAnswer>((resolve) =>
      setTimeout(() => resolve({ status: -1, head: 'no answer in time', body: '' }), ms).unref(),
    ),
  ]);

// Found by this fuzzer: the interval was saved, then the schedule update failed with a 500.
test('a reconcile interval too long for a schedule is refused (400) before the settings are saved', async () => {
  const before = await storedState();
  const answer = await rawRequest(
    port,
    'PUT',
    '/api/connections/acme/settings',
    { authorization: `Bearer ${ctx.env.OPERATOR_TOKEN}`, 'content-type': 'application/json' },
    JSON.stringify({ productMaster: 'qbo', defaultLocationUid: 'L1', reconcileEvery: '99999999999999h' }),
  );
  assert.equal(answer.status, 400);
  assert.match(answer.body, /reconcileEvery: at most 8760h \(a year\)/);
  assert.equal(await storedState(), before);
});

// Found by fuzzing: Temporal refused the run id as an invalid argument, answered as 503 "Temporal unavailable".
test('a run id that is not a UUID is refused (400) before it reaches Temporal', async () => {
  const operator = { authorization: `Bearer ${ctx.env.OPERATOR_TOKEN}` };
  const answer = await rawRequest(port, 'GET', '/api/runs/reconcile:acme?waitMs=0&runId=xyz', operator);
  assert.equal(answer.status, 400);
  assert.match(answer.body, /runId: a Temporal run id \(a UUID\)/);
  const unknown = await rawRequest(port, 'GET', `/api/runs/reconcile:acme?waitMs=0&runId=${randomUUID()}`, operator);
  assert.equal(unknown.status, 404, 'a well-formed run id still reaches Temporal, which knows no such run');
});

test('no generated request gets a 5xx, a refused one stores nothing, and the server keeps answering', async (t) => {
  const statuses = new Map<number, number>();
  let webhooksAccepted = 0;
  try {
    await fc.assert(
      fc.asyncProperty(requestOf, async (request) => {
        const before = await storedState();
        const answer = await answerWithin(
          // Long enough for the longest wait an operator request may ask for (waitMs up to 60 s).
          65_000,
          rawRequest(port, request.method, request.target, headersOf(request), request.body),
        );
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (request.route.access === 'webhook' && answer.status === 200) webhooksAccepted++;
        // /readyz reports whether Temporal answered within its deadline, which is about load, not input.
        const dependencyReport = request.route.url === '/readyz' && answer.status === 503;
        assert.ok(
          (answer.status >= 200 && answer.status < 500) || dependencyReport,
          `${request.method} ${request.target.slice(0, 200)} -> ${answer.status} ${answer.body.slice(0, 300)}`,
        );
        if (answer.status >= 400) assert.equal(await storedState(), before, 'a refused request stored nothing');
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
  } catch (err) {
    const { message, cause } = err as Error;
    throw new Error(`fuzz failed; replay with FUZZ_SEED=${seed}: ${message}\n${String(cause)}`);
  }
  const summary = JSON.stringify(Object.fromEntries(statuses));
  t.diagnostic(`seed ${seed}, ${runs} requests (${webhooksAccepted} webhooks accepted), by status: ${summary}`);
  const health = await rawRequest(port, 'GET', '/healthz');
  assert.equal(health.status, 200);
  assert.ok((statuses.get(200) ?? 0) + (statuses.get(202) ?? 0) > 0, `some requests were accepted: ${summary}`);
  assert.ok(statuses.size >= 3, `the answers vary: ${summary}`);
});
