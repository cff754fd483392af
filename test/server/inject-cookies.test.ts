import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';

// Fastify's inject encodes request cookies with the `cookie` package, which package.json pins to a Node 20 release
// (the newer one light-my-request asks for needs Node 22): this is the code path that pin must keep working.
test('inject encodes request cookies and keeps only those whose path matches', async () => {
  const app = Fastify();
  app.get('/console/items', (req) => ({ cookie: req.headers.cookie ?? null }));
  const res = await app.inject({
    method: 'GET',
    url: '/console/items',
    cookies: { session: 'a b;c', theme: { value: 'dark', path: '/console' }, other: { value: 'x', path: '/api' } },
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { cookie: 'session=a%20b%3Bc; theme=dark' });
  await app.close();
});
