import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { RequestLog } from '../../../emulators/common/admin.js';

test('records API requests with chosen headers, parsed body and status; filters work', async () => {
  const app = Fastify();
  const log = new RequestLog({ headers: ['authorization'], now: () => new Date('2025-01-01T00:00:00Z') });
  log.install(app, (url) => url.startsWith('/api/'));
  app.post('/api/items', (_req, reply) => reply.code(201).send({}));
  app.get('/api/items', () => []);
  app.get('/admin/x', () => ({}));
  await app.inject({
    method: 'POST',
    url: '/api/items?requestid=r1',
    headers: { authorization: 'Bearer t', 'x-other': 'no' },
    payload: { Name: 'A' },
  });
  await app.inject({ method: 'GET', url: '/api/items' });
  await app.inject({ method: 'GET', url: '/admin/x' });
  const all = log.entries();
  assert.equal(all.length, 2);
  assert.deepEqual(all[0], {
    seq: 1,
    at: '2025-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/api/items',
    query: { requestid: 'r1' },
    headers: { authorization: 'Bearer t' },
    body: { Name: 'A' },
    status: 201,
  });
  assert.deepEqual(
    log.entries({ method: 'get' }).map((e) => e.seq),
    [2],
  );
  assert.deepEqual(
    log.entries({ afterSeq: 1 }).map((e) => e.method),
    ['GET'],
  );
  assert.equal(log.entries({ pathIncludes: '/nothing' }).length, 0);
  log.clear();
  assert.equal(log.entries().length, 0);
});

test('keeps only the newest entries beyond the limit', async () => {
  const app = Fastify();
  const log = new RequestLog({ headers: [], limit: 3, now: () => new Date() });
  log.install(app, () => true);
  app.get('/x', () => ({}));
  for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: '/x' });
  assert.deepEqual(
    log.entries().map((e) => e.seq),
    [3, 4, 5],
  );
});
