import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { registerConsole, type ConsoleHandle } from '../../console/routes.js';
import { createHttpServer } from '../../server/http-server.js';
import type { AppContext } from '../../service/context.js';
import { openTestContext } from '../server/support.js';

let ctx: AppContext;
let app: FastifyInstance;
let handle: ConsoleHandle;

before(async () => {
  ctx = await openTestContext({ env: { NODE_ENV: 'production' } });
  app = createHttpServer(ctx, { logger: false });
  handle = registerConsole(app, ctx);
  await app.ready();
});
after(async () => {
  await app.close();
  await ctx.close();
});

test('in production without CONSOLE_USERNAME and CONSOLE_PASSWORD the console is off and says why', async () => {
  assert.match(handle.off ?? '', /set CONSOLE_USERNAME and CONSOLE_PASSWORD/);
  assert.equal(handle.signInLink(), null, 'no one-time sign-in link outside development');
  for (const url of ['/console', '/console/login', '/console/c/demo/history']) {
    const answer = await app.inject({ method: 'GET', url });
    assert.equal(answer.statusCode, 503, url);
    assert.match(answer.body, /The web console is off/);
  }
  const post = await app.inject({ method: 'POST', url: '/console/login', payload: 'username=a&password=b' });
  assert.equal(post.statusCode, 404, 'nothing accepts a sign-in');
});
