import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer } from '../../server/create-server.js';
import { openTestContext } from './support.js';

/**
 * A server that closes while it answers a request (a load balancer's readiness probe, a webhook's hand-off) must not
 * wait for the client to drop that keep-alive connection, up to the keep-alive timeout (72 s): the production
 * entries stop on SIGTERM through this close, and a container is killed long before.
 */
test(
  'closing while a request is answered ends its keep-alive connection with the answer',
  { timeout: 60_000 },
  async () => {
    const ctx = await openTestContext();
    const app = createServer(ctx, { logger: false });
    let reached!: () => void;
    const requestReached = new Promise<void>((resolve) => (reached = resolve));
    let closeBegun!: () => void;
    const closing = new Promise<void>((resolve) => (closeBegun = resolve));
    // The answer waits until the close has begun (the server's own preClose hook ran first), however slow the
    // machine, so the close always meets it in flight.
    app.addHook('preClose', (done) => {
      closeBegun();
      done();
    });
    app.get('/slow', { config: { access: 'public' } }, async () => {
      reached();
      await closing;
      return { answered: true };
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const answer = fetch(`${url}/slow`);
      await requestReached;
      const closeStartedAt = Date.now();
      const closed = app.close().then(() => Date.now() - closeStartedAt);
      const response = await answer;
      assert.deepEqual(
        [response.status, await response.json(), response.headers.get('connection')],
        [200, { answered: true }, 'close'],
      );
      const closedAfter = await Promise.race([closed, sleep(20_000, 'still open 20 s after close')]);
      assert.equal(typeof closedAfter, 'number', String(closedAfter));
    } finally {
      await app.close();
      await ctx.close();
    }
  },
);
