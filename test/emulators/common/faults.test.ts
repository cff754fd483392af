import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { createRng } from '../../../emulators/common/rng.js';
import {
  FaultCounters,
  defaultFaultSettings,
  installFaults,
  type FaultSettings,
} from '../../../emulators/common/faults.js';

function buildApp(settings: FaultSettings, counters: FaultCounters): { app: FastifyInstance; writes: number[] } {
  const app = Fastify();
  const writes: number[] = [];
  installFaults(app, {
    settings: () => settings,
    rng: createRng(1),
    isApiRoute: (url) => url.startsWith('/api/'),
    throttleReply: (reply) => reply.code(429).send({ throttled: true }),
    errorReply: (status, reply) => reply.code(status).send({ injected: status }),
    counters,
  });
  app.get('/api/thing', () => ({ ok: true }));
  app.post('/api/thing', () => {
    writes.push(writes.length + 1);
    return { written: writes.length };
  });
  app.get('/admin/thing', () => ({ admin: true }));
  return { app, writes };
}

test('default settings inject nothing', async () => {
  const counters = new FaultCounters();
  const { app } = buildApp(defaultFaultSettings(), counters);
  const res = await app.inject({ method: 'GET', url: '/api/thing' });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { ok: true });
  assert.deepEqual(counters.snapshot(), {});
});

test('forced throttle answers every API route but not admin routes', async () => {
  const counters = new FaultCounters();
  const { app, writes } = buildApp({ ...defaultFaultSettings(), forceThrottle: true }, counters);
  const res = await app.inject({ method: 'POST', url: '/api/thing', payload: {} });
  assert.equal(res.statusCode, 429);
  assert.deepEqual(res.json(), { throttled: true });
  assert.equal(writes.length, 0);
  assert.equal((await app.inject({ method: 'GET', url: '/admin/thing' })).statusCode, 200);
  assert.deepEqual(counters.snapshot(), { forcedThrottle: 1 });
});

test('random errors use the configured statuses and do not apply the request', async () => {
  const counters = new FaultCounters();
  const { app, writes } = buildApp({ ...defaultFaultSettings(), errorRate: 1, errorStatuses: [503] }, counters);
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/thing', payload: {} });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { injected: 503 });
  }
  assert.equal(writes.length, 0);
  assert.deepEqual(counters.snapshot(), { http503: 3 });
});

test('an error rate of one half fails roughly half of the requests', async () => {
  const counters = new FaultCounters();
  const { app } = buildApp({ ...defaultFaultSettings(), errorRate: 0.5, errorStatuses: [500, 502] }, counters);
  let failed = 0;
  for (let i = 0; i < 200; i++) {
    const res = await app.inject({ method: 'GET', url: '/api/thing' });
    if (res.statusCode >= 500) failed++;
  }
  assert.ok(failed > 70 && failed < 130, `failed ${failed}`);
  assert.equal(counters.get('http500') + counters.get('http502'), failed);
});

test('latency delays API requests', async () => {
  const counters = new FaultCounters();
  const { app } = buildApp({ ...defaultFaultSettings(), latencyMs: 60 }, counters);
  const started = performance.now();
  await app.inject({ method: 'GET', url: '/api/thing' });
  assert.ok(performance.now() - started >= 55);
  assert.equal(counters.get('latency'), 1);
});

test('drop after commit applies the write but resets the connection', async () => {
  const counters = new FaultCounters();
  const { app, writes } = buildApp({ ...defaultFaultSettings(), dropResponseAfterCommitRate: 1 }, counters);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await assert.rejects(fetch(`${address}/api/thing`, { method: 'POST' }));
    assert.equal(writes.length, 1);
    assert.equal(counters.get('dropAfterCommit'), 1);
    const read = await fetch(`${address}/api/thing`);
    assert.equal(read.status, 200);
    assert.equal(counters.get('dropAfterCommit'), 1);
  } finally {
    await app.close();
  }
});
