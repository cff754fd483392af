import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createQboTransport, type QboHooks } from '../../../integrations/qbo/transport.js';
import { QboApiError, QboSchemaError } from '../../../integrations/qbo/errors.js';
import { z } from 'zod';

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

/** A stub QBO host: each test installs the handler for the next requests and reads what arrived. */
const seen: { method: string; url: string; headers: Record<string, unknown>; body: unknown }[] = [];
let handler: Handler = () => ({});
const app = Fastify();
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.all('/v3/company/:realm/*', (request, reply) => {
  seen.push({ method: request.method, url: request.url, headers: request.headers, body: request.body });
  return handler(request, reply);
});
const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
after(() => app.close());

function setup(opts: { hooks?: QboHooks; timeoutMs?: number } = {}) {
  seen.length = 0;
  const tokenLog: string[] = [];
  let current = 'at1';
  const transport = createQboTransport({
    config: { apiBaseUrl: baseUrl, minorVersion: 75, requestTimeoutMs: opts.timeoutMs ?? 5000 },
    realmId: '4620816365',
    tokens: {
      getAccessToken: () => Promise.resolve(current),
      forceRefresh: (rejected) => {
        tokenLog.push(`force:${rejected ?? ''}`);
        current = current === 'at1' ? 'at2' : 'at3';
        return Promise.resolve(current);
      },
    },
    ...(opts.hooks ? { hooks: opts.hooks } : {}),
  });
  return { transport, tokenLog };
}

const anything = z.unknown();
const rejection = async (p: Promise<unknown>) =>
  p.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );

void test('sends bearer token, Accept json, minorversion and requestid; hooks see one attempt', async () => {
  const events: string[] = [];
  const { transport } = setup({
    hooks: {
      beforeRequest: (info) => {
        events.push(`before:${info.realmId}:${info.kind}`);
        return Promise.resolve();
      },
      afterResponse: (info) => events.push(`after:${info.status}:${info.throttled}:${info.intuitTid}`),
    },
  });
  handler = (_req, reply) => reply.header('intuit_tid', 'tid-77').send({ Item: { Id: '1' }, time: 't' });
  const body = await transport.send(
    { method: 'POST', path: 'item', json: { Name: 'A' }, requestId: 'mvq-1', searchParams: { operation: 'delete' } },
    anything,
  );
  assert.deepEqual(body, { Item: { Id: '1' }, time: 't' });
  assert.equal(seen.length, 1);
  const url = new URL(seen[0]?.url ?? '', baseUrl);
  assert.equal(url.pathname, '/v3/company/4620816365/item');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    operation: 'delete',
    minorversion: '75',
    requestid: 'mvq-1',
  });
  assert.equal(seen[0]?.headers.authorization, 'Bearer at1');
  assert.equal(seen[0]?.headers.accept, 'application/json');
  assert.match(String(seen[0]?.headers['content-type']), /^application\/json/);
  assert.equal(seen[0]?.body, '{"Name":"A"}');
  assert.deepEqual(events, ['before:4620816365:request', 'after:200:false:tid-77']);
});

void test('the transaction id is read from intuit_tid or Intuit-Tid, whichever QuickBooks sends', async () => {
  const tids: (string | undefined)[] = [];
  const { transport } = setup({ hooks: { afterResponse: (info) => tids.push(info.intuitTid) } });
  for (const name of ['intuit_tid', 'Intuit-Tid']) {
    handler = (_req, reply) =>
      reply
        .code(400)
        .header(name, `tid-${name}`)
        .send({ Fault: { Error: [{ Message: 'Invalid ID', code: '2030', element: 'Id' }], type: 'ValidationFault' } });
    const error = await rejection(transport.send({ method: 'GET', path: 'item/1.5' }, anything));
    assert.ok(error instanceof QboApiError);
    assert.equal(error.intuitTid, `tid-${name}`);
    assert.equal(error.kind, 'validation');
  }
  assert.deepEqual(tids, ['tid-intuit_tid', 'tid-Intuit-Tid']);
});

void test('a 401 forces one refresh and one retry with the new token; a second 401 is returned', async () => {
  const { transport, tokenLog } = setup();
  let calls = 0;
  handler = (_req, reply) =>
    ++calls === 1
      ? reply.code(401).send({ fault: { error: [{ message: 'x', code: '3200' }], type: 'AUTHENTICATION' } })
      : reply.send({ ok: true });
  assert.deepEqual(await transport.send({ method: 'GET', path: 'item/1' }, anything), { ok: true });
  assert.deepEqual(tokenLog, ['force:at1']);
  assert.deepEqual(
    seen.map((s) => s.headers.authorization),
    ['Bearer at1', 'Bearer at2'],
  );

  handler = (_req, reply) =>
    reply
      .code(401)
      .send({ Fault: { Error: [{ Message: 'AuthenticationFailed', code: '3200' }], type: 'AuthenticationFault' } });
  seen.length = 0;
  const error = await rejection(transport.send({ method: 'GET', path: 'item/1' }, anything));
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'auth');
  assert.equal(seen.length, 2, 'exactly one retry');
});

void test('an XML 429 is throttled, reported to afterResponse, and not retried', async () => {
  const statuses: string[] = [];
  const { transport } = setup({ hooks: { afterResponse: (i) => statuses.push(`${i.status}:${i.throttled}`) } });
  handler = (_req, reply) =>
    reply
      .code(429)
      .type('application/xml')
      .send(
        '<IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.</Detail></Error></Fault></IntuitResponse>',
      );
  const error = await rejection(
    transport.send({ method: 'GET', path: 'query', searchParams: { query: 'select * from Item' } }, anything),
  );
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'throttled');
  assert.equal(error.operation, 'GET query [select * from Item]');
  assert.deepEqual(statuses, ['429:true']);
  assert.equal(seen.length, 1);
  assert.match(seen[0]?.url ?? '', /\?query=select%20\*%20from%20Item&minorversion=75$/);
});

void test('a reset connection is a retryable network error and afterResponse gets status 0', async () => {
  const statuses: number[] = [];
  const { transport } = setup({ hooks: { afterResponse: (i) => statuses.push(i.status) } });
  handler = (request) => {
    request.raw.socket.destroy();
    return new Promise(() => undefined);
  };
  const error = await rejection(
    transport.send({ method: 'POST', path: 'inventoryadjustment', json: {}, requestId: 'r1' }, anything),
  );
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'network');
  assert.equal(error.retryable, true);
  assert.deepEqual(statuses, [0]);
  assert.equal(seen.length, 1, 'no automatic retry');
});

void test('a response slower than the request timeout is a network error', async () => {
  const { transport } = setup({ timeoutMs: 100 });
  handler = async (_req, reply) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return reply.send({});
  };
  const error = await rejection(transport.send({ method: 'GET', path: 'item/1' }, anything));
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'network');
  assert.match(error.message, /ETIMEDOUT/);
});

void test('a 200 that is not JSON is a schema error', async () => {
  const { transport } = setup();
  handler = (_req, reply) => reply.type('text/html').send('<html>login</html>');
  const error = await rejection(transport.send({ method: 'GET', path: 'item/1' }, anything));
  assert.ok(error instanceof QboSchemaError);
  assert.match(error.message, /body is not JSON \(text\/html/);
});

void test('realm ids are checked before anything is sent', () => {
  assert.throws(
    () =>
      createQboTransport({
        config: { apiBaseUrl: baseUrl, minorVersion: 75, requestTimeoutMs: 1 },
        realmId: '../x',
        tokens: { getAccessToken: () => Promise.resolve(''), forceRefresh: () => Promise.resolve('') },
      }),
    /invalid QBO realmId/,
  );
});
