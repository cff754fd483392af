import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppContext } from '../../service/context.js';
import {
  intuitSignatureOf,
  openTestContext,
  seedQboConnection,
  seedZuperConnection,
  startTestServer,
  type TestServer,
} from './support.js';

const verifier = 'verifier-3c1f9a7e-never-logged';
const zuperSecret = 'zuper-secret-51d0-never-logged';
let ctx: AppContext;
let server: TestServer;

before(async () => {
  ctx = await openTestContext();
  server = await startTestServer(ctx, { webhookSigningKeys: { qbo: verifier } });
  await seedQboConnection(ctx, 'redaction', '777000777');
  await seedZuperConnection(ctx, 'redaction', zuperSecret);
});
after(async () => {
  await server.app.close();
  await ctx.close();
});

test('no verifier token, signature, webhook secret, cookie, OAuth code or body reaches the logs', async () => {
  const body = JSON.stringify([
    {
      id: 'evt-1',
      source: 'qbo-body-marker',
      type: 'qbo.item.updated.v1',
      intuitentityid: '1',
      intuitaccountid: '777000777',
    },
  ]);
  const signature = intuitSignatureOf(body, verifier);
  const qbo = (sig: string) =>
    fetch(`${server.url}/webhooks/qbo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'intuit-signature': sig },
      body,
    });
  assert.equal((await qbo(signature)).status, 200);
  assert.equal((await qbo(intuitSignatureOf(body, 'wrong'))).status, 401);
  const zuperBody = JSON.stringify({ event: 'product.update', product_uid: 'p', note: 'zuper-body-marker' });
  for (const secret of [zuperSecret, `${zuperSecret}-wrong`]) {
    await fetch(`${server.url}/webhooks/zuper/redaction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qzsync-webhook-secret': secret },
      body: zuperBody,
    });
  }
  const callback = await fetch(`${server.url}/oauth/qbo/callback?state=state-marker&code=oauth-code-marker&realmId=1`, {
    headers: { cookie: 'qzsync_oauth_session=cookie-marker-cookie-marker-cookie-marker-xyz' },
  });
  assert.equal(callback.status, 400);

  const text = server.logs.text();
  for (const secret of [
    verifier,
    signature,
    zuperSecret,
    'oauth-code-marker',
    'state-marker',
    'cookie-marker',
    'body-marker',
  ]) {
    assert.equal(text.includes(secret), false, `${secret} leaked into the logs`);
  }
  const paths = server.logs.lines().flatMap((l) => {
    const req = l.req as { path?: string } | undefined;
    return req?.path ? [req.path] : [];
  });
  assert.ok(paths.includes('/oauth/qbo/callback'), 'requests are logged by path, without their query');
});

test('credential headers are redacted should any log line carry them', () => {
  server.app.log.info(
    {
      headers: {
        authorization: 'Bearer access-token-marker',
        cookie: 'qzsync_oauth_session=abc',
        'intuit-signature': 'sig-marker',
        'x-qzsync-webhook-secret': 'secret-marker',
        'content-type': 'application/json',
      },
    },
    'headers for redaction test',
  );
  const line = server.logs.lines().find((l) => l.msg === 'headers for redaction test');
  assert.deepEqual(line?.headers, {
    authorization: '[redacted]',
    cookie: '[redacted]',
    'intuit-signature': '[redacted]',
    'x-qzsync-webhook-secret': '[redacted]',
    'content-type': 'application/json',
  });
});
