import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import OAuthClient from 'intuit-oauth';
import { parseQboConfig } from '../../../integrations/qbo/config.js';
import { QboApiError, QboAuthError } from '../../../integrations/qbo/errors.js';
import { createQboOAuth } from '../../../integrations/qbo/oauth.js';

// The library retries token calls on 5xx/429 with 1 s, 2 s, 4 s waits; shrink them for tests.
OAuthClient.retryConfig.retryDelay = 1;

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;
const received: { path: string; authorization?: string; body: unknown }[] = [];
let tokenHandler: Handler = () => ({});
const app = Fastify();
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
  done(null, Object.fromEntries(new URLSearchParams(String(body)))),
);
app.post('/token', (request, reply) => {
  received.push({ path: '/token', authorization: request.headers.authorization, body: request.body });
  return tokenHandler(request, reply);
});
app.post('/revoke', (request) => {
  received.push({ path: '/revoke', authorization: request.headers.authorization, body: request.body });
  return {};
});
const base = await app.listen({ port: 0, host: '127.0.0.1' });
after(() => app.close());

const config = parseQboConfig({
  environment: 'custom',
  clientId: 'client-1',
  clientSecret: 'secret-1',
  redirectUri: 'http://127.0.0.1/callback',
  apiBaseUrl: base,
  authorizeUrl: `${base}/authorize`,
  tokenUrl: `${base}/token`,
  revokeUrl: `${base}/revoke`,
});
const now = new Date('2025-09-10T12:00:00Z');
const oauth = createQboOAuth(config, { now: () => now });
const basic = `Basic ${Buffer.from('client-1:secret-1').toString('base64')}`;
const rejection = async (p: Promise<unknown>) =>
  p.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );

void test('authorize URL carries client, scope, redirect and state', () => {
  const url = new URL(oauth.authorizeUrl('st-1'));
  assert.equal(`${url.origin}${url.pathname}`, `${base}/authorize`);
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    client_id: 'client-1',
    redirect_uri: 'http://127.0.0.1/callback',
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    state: 'st-1',
  });
});

void test('exchangeCode posts the code with basic auth and times expiries from the clock', async () => {
  received.length = 0;
  tokenHandler = () => ({
    token_type: 'bearer',
    access_token: 'at-1',
    refresh_token: 'rt-1',
    expires_in: 3600,
    x_refresh_token_expires_in: 8726400,
  });
  const result = await oauth.exchangeCode('/callback?code=c-1&state=st-1&realmId=9130348651234567');
  assert.deepEqual(result, {
    realmId: '9130348651234567',
    state: 'st-1',
    tokens: {
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      accessTokenExpiresAt: new Date('2025-09-10T13:00:00Z'),
      refreshTokenExpiresAt: new Date(now.getTime() + 8726400_000),
      refreshHardCapped: false,
    },
  });
  assert.deepEqual(received, [
    {
      path: '/token',
      authorization: basic,
      body: { grant_type: 'authorization_code', code: 'c-1', redirect_uri: 'http://127.0.0.1/callback' },
    },
  ]);
});

void test('token calls ask for the hard expiry and store it as the refresh expiry when it comes first', async () => {
  const asked: unknown[] = [];
  tokenHandler = (request) => {
    asked.push(request.headers['x-include-refresh-token-hard-expires-in']);
    return {
      token_type: 'bearer',
      access_token: 'at-2',
      refresh_token: 'rt-2',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
      x_refresh_token_hard_expires_in: 86400,
    };
  };
  const exchanged = await oauth.exchangeCode('/callback?code=c-2&realmId=9130348651234567');
  const refreshed = await oauth.refresh('rt-1');
  assert.deepEqual(asked, ['true', 'true']);
  const hardCap = new Date(now.getTime() + 86400_000);
  assert.deepEqual([exchanged.tokens.refreshTokenExpiresAt, refreshed.refreshTokenExpiresAt], [hardCap, hardCap]);
});

void test('invalid_grant on refresh is a non-retryable QboAuthError asking to reconnect', async () => {
  tokenHandler = (_req, reply) =>
    reply.code(400).header('intuit_tid', 'tid-9').send({ error: 'invalid_grant', error_description: 'Token invalid' });
  const error = await rejection(oauth.refresh('rt-old'));
  assert.ok(error instanceof QboAuthError);
  assert.equal(error.code, 'invalid_grant');
  assert.equal(error.description, 'Token invalid');
  assert.equal(error.httpStatus, 400);
  assert.equal(error.intuitTid, 'tid-9');
  assert.equal(error.retryable, false);
  assert.equal(error.reconnectNeeded, true);
  assert.match(error.explanation, /reconnect needed/);
});

void test('invalid_client is a QboAuthError about the app credentials', async () => {
  tokenHandler = (_req, reply) => reply.code(401).send({ error: 'invalid_client' });
  const error = await rejection(oauth.refresh('rt'));
  assert.ok(error instanceof QboAuthError);
  assert.equal(error.code, 'invalid_client');
  assert.equal(error.reconnectNeeded, false);
  assert.match(error.fix, /client id and secret/);
});

void test('a token endpoint that keeps failing with 503 is a retryable server error', async () => {
  received.length = 0;
  tokenHandler = (_req, reply) => reply.code(503).send('unavailable');
  const error = await rejection(oauth.refresh('rt'));
  assert.ok(error instanceof QboApiError);
  assert.equal(error.kind, 'server');
  assert.equal(error.retryable, true);
  assert.equal(received.length, 4, "intuit-oauth's own retries: 1 + 3");
});

void test('a malformed token response is a schema error naming the field', async () => {
  tokenHandler = () => ({ access_token: 'a', refresh_token: 'r', expires_in: '3600', x_refresh_token_expires_in: 1 });
  await assert.rejects(oauth.refresh('rt'), /token refresh has an unexpected shape at expires_in/);
});

void test('a callback carrying an error or lacking the realm fails before any token call', async () => {
  received.length = 0;
  const denied = await rejection(oauth.exchangeCode('/callback?error=access_denied&state=s'));
  assert.ok(denied instanceof QboAuthError);
  assert.equal(denied.code, 'access_denied');
  const partial = await rejection(oauth.exchangeCode('/callback?code=c&state=s'));
  assert.ok(partial instanceof QboAuthError);
  assert.equal(partial.code, 'invalid_request');
  assert.equal(received.length, 0);
});

void test('revoke posts the token as JSON with basic auth', async () => {
  received.length = 0;
  await oauth.revoke('rt-1');
  assert.deepEqual(received, [{ path: '/revoke', authorization: basic, body: { token: 'rt-1' } }]);
});
