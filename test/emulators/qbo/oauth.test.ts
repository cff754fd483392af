/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OAuthClient from 'intuit-oauth';
import { startQboEmulator, type RunningQboEmulator } from '../../../emulators/qbo/index.js';
import type { IdTokenClaims } from '../../../emulators/qbo/id-token.js';
import { clientId, clientSecret, redirectUri, toResponse } from './harness.js';

let emu: RunningQboEmulator;

function client(): OAuthClient {
  const c = new OAuthClient({ clientId, clientSecret, environment: 'sandbox', redirectUri });
  c.setAuthorizeURLs({
    authorizeEndpoint: `${emu.baseUrl}/connect/oauth2`,
    tokenEndpoint: `${emu.baseUrl}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${emu.baseUrl}/oauth2/v1/tokens/revoke`,
    userInfoEndpoint: `${emu.baseUrl}/v1/openid_connect/userinfo`,
  });
  return c;
}

/** Follows the authorize URL like a browser would and returns the callback URL the emulator redirects to. */
async function authorize(c: OAuthClient, state = 'st-1', scope = [OAuthClient.scopes.Accounting]): Promise<string> {
  const res = await fetch(c.authorizeUri({ scope, state }), { redirect: 'manual' });
  assert.equal(res.status, 302);
  return res.headers.get('location') ?? '';
}

async function tokenRequest(
  body: string,
  auth = Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
  extraHeaders: Record<string, string> = {},
) {
  return toResponse(
    await fetch(`${emu.baseUrl}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${auth}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...extraHeaders,
      },
      body,
    }),
  );
}

/** A token call that asks for the hard expiry, as intuit-oauth does with includeRefreshTokenHardExpiresIn. */
const hardExpiryTokenRequest = (body: string) =>
  tokenRequest(body, undefined, { 'x-include-refresh-token-hard-expires-in': 'true' });

before(async () => {
  emu = await startQboEmulator({ timeScale: 1000 });
  emu.admin.registerApp({ clientId, clientSecret, redirectUris: [redirectUri] });
  OAuthClient.retryConfig.retryDelay = 1;
});
after(() => emu.close());

test('the real intuit-oauth library completes authorize → token → API call → refresh → revoke', async () => {
  const { realmId } = emu.admin.createRealm({ realmId: '9130000000000777' });
  emu.admin.updateSettings({ oauth: { authorizeRealmId: realmId, refreshTokenRotateAfterMs: 0 } });
  const c = client();
  const callback = await authorize(c);
  const cb = new URL(callback);
  assert.equal(`${cb.origin}${cb.pathname}`, redirectUri);
  assert.equal(cb.searchParams.get('state'), 'st-1');
  assert.equal(cb.searchParams.get('realmId'), realmId);
  assert.ok(cb.searchParams.get('code'));

  const created = await c.createToken(callback);
  const token = created.getJson() as Record<string, unknown>;
  assert.equal(token.token_type, 'bearer');
  assert.equal(token.expires_in, 3600);
  assert.equal(token.x_refresh_token_expires_in, 8726400);
  assert.equal(c.getToken().realmId, realmId);
  assert.ok(created.headers()?.intuit_tid);

  const api = await c.makeApiCall({
    url: `${emu.baseUrl}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`,
  });
  const info = api.json as { CompanyInfo: { Country: string; NameValue: { Name: string; Value: string }[] } };
  assert.equal(info.CompanyInfo.Country, 'US');
  assert.ok(info.CompanyInfo.NameValue.some((nv) => nv.Name === 'ItemCategoriesFeature' && nv.Value === 'true'));

  const oldRefresh = c.getToken().refresh_token;
  await c.refresh();
  const rotated = c.getToken().refresh_token;
  assert.notEqual(rotated, oldRefresh);
  // The superseded refresh token is dead (no grace period by default).
  await assert.rejects(c.refreshUsingToken(oldRefresh), (err: { error?: string }) => err.error === 'invalid_grant');
  await c.refreshUsingToken(rotated);

  const info2 = await c.getUserInfo();
  assert.equal((info2.getJson() as { email: string }).email, 'emulator.user@example.com');

  const current = c.getToken().refresh_token;
  const access = c.getToken().access_token;
  await c.revoke({ refresh_token: current });
  await assert.rejects(c.refreshUsingToken(current), (err: { error?: string }) => err.error === 'invalid_grant');
  const denied = await toResponse(
    await fetch(`${emu.baseUrl}/v3/company/${realmId}/companyinfo/${realmId}`, {
      headers: { authorization: `Bearer ${access}` },
    }),
  );
  assert.equal(denied.status, 401);
  emu.admin.updateSettings({ oauth: { authorizeRealmId: null, refreshTokenRotateAfterMs: 24 * 3600_000 } });
});

test('the authorize page rejects unknown clients and unregistered redirect URIs', async () => {
  const bad = await fetch(
    `${emu.baseUrl}/connect/oauth2?client_id=nope&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=${encodeURIComponent(redirectUri)}`,
    { redirect: 'manual' },
  );
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /invalid_client/);
  const badRedirect = await fetch(
    `${emu.baseUrl}/connect/oauth2?client_id=${clientId}&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=${encodeURIComponent('http://evil/cb')}`,
    { redirect: 'manual' },
  );
  assert.equal(badRedirect.status, 400);
  assert.match(await badRedirect.text(), /redirect_uri/);
});

test('a refresh token is returned unchanged until it is old enough to rotate', async () => {
  const { realmId } = emu.admin.createRealm();
  const first = emu.admin.issueTokens({ clientId, realmId });
  const again = await tokenRequest(`grant_type=refresh_token&refresh_token=${first.refresh_token}`);
  assert.equal(again.status, 200);
  assert.equal(again.json.refresh_token, first.refresh_token);
  assert.notEqual(again.json.access_token, first.access_token);
  emu.admin.advanceClock({ ms: 25 * 3600_000 });
  const rotated = await tokenRequest(`grant_type=refresh_token&refresh_token=${first.refresh_token}`);
  assert.notEqual(rotated.json.refresh_token, first.refresh_token);
  assert.equal(rotated.json.x_refresh_token_expires_in, 8726400);
  const stale = await tokenRequest(`grant_type=refresh_token&refresh_token=${first.refresh_token}`);
  assert.equal(stale.status, 400);
  assert.deepEqual(stale.json, { error: 'invalid_grant', error_description: 'Incorrect or invalid refresh token' });
});

test('a superseded refresh token keeps working during the configured grace period', async () => {
  emu.admin.updateSettings({ oauth: { refreshTokenRotateAfterMs: 0, refreshTokenGraceMs: 3600_000 } });
  try {
    const { realmId } = emu.admin.createRealm();
    const first = emu.admin.issueTokens({ clientId, realmId });
    const second = await tokenRequest(`grant_type=refresh_token&refresh_token=${first.refresh_token}`);
    const graced = await tokenRequest(`grant_type=refresh_token&refresh_token=${first.refresh_token}`);
    assert.equal(graced.status, 200);
    // The old token answers with the newest refresh token of the grant.
    assert.equal(graced.json.refresh_token, second.json.refresh_token);
    emu.admin.advanceClock({ ms: 3600_000 });
    const expired = await tokenRequest(`grant_type=refresh_token&refresh_token=${first.refresh_token}`);
    assert.equal(expired.status, 400);
    assert.equal(expired.json.error, 'invalid_grant');
  } finally {
    emu.admin.updateSettings({ oauth: { refreshTokenRotateAfterMs: 24 * 3600_000, refreshTokenGraceMs: 0 } });
  }
});

test('refresh tokens expire after x_refresh_token_expires_in on the emulator clock', async () => {
  const { realmId } = emu.admin.createRealm();
  const t = emu.admin.issueTokens({ clientId, realmId });
  emu.admin.advanceClock({ ms: 8726400 * 1000 });
  const res = await tokenRequest(`grant_type=refresh_token&refresh_token=${t.refresh_token}`);
  assert.equal(res.status, 400);
  assert.deepEqual(res.json, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
});

test('the token endpoint checks Basic client credentials, grant types and single-use codes', async () => {
  const wrong = await tokenRequest(
    'grant_type=refresh_token&refresh_token=x',
    Buffer.from(`${clientId}:bad`).toString('base64'),
  );
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.error, 'invalid_client');
  const unsupported = await tokenRequest('grant_type=password');
  assert.equal(unsupported.status, 400);
  assert.equal(unsupported.json.error, 'unsupported_grant_type');
  const unknown = await tokenRequest('grant_type=refresh_token&refresh_token=AB11nothing');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error, 'invalid_grant');
  assert.ok(unknown.headers.get('intuit_tid'));

  const c = client();
  const callback = new URL(await authorize(c));
  const code = callback.searchParams.get('code') ?? '';
  const body = `grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent(redirectUri)}`;
  const ok = await tokenRequest(body);
  assert.equal(ok.status, 200);
  assert.deepEqual(Object.keys(ok.json as object).sort(), [
    'access_token',
    'expires_in',
    'refresh_token',
    'token_type',
    'x_refresh_token_expires_in',
  ]);
  const reused = await tokenRequest(body);
  assert.equal(reused.status, 400);
  assert.equal(reused.json.error, 'invalid_grant');
});

test('x_refresh_token_hard_expires_in only when the request asks for it', async () => {
  const { realmId } = emu.admin.createRealm();
  const t = emu.admin.issueTokens({ clientId, realmId });
  const res = await hardExpiryTokenRequest(`grant_type=refresh_token&refresh_token=${t.refresh_token}`);
  const hard = Number(res.json.x_refresh_token_hard_expires_in);
  assert.ok(hard <= 5 * 365 * 24 * 3600 && hard > 5 * 365 * 24 * 3600 - 60, `hard expiry ${hard}`);
  assert.equal(t.x_refresh_token_hard_expires_in, undefined);
});

describe('the refresh-token hard cap', () => {
  const DAY = 86_400;
  const capDays = 10;
  before(() => {
    const { realmId } = emu.admin.createRealm();
    emu.admin.updateSettings({
      oauth: { authorizeRealmId: realmId, refreshTokenHardTtlSec: capDays * DAY, refreshTokenRotateAfterMs: 0 },
    });
  });
  after(() => {
    emu.admin.updateSettings({
      oauth: {
        authorizeRealmId: null,
        refreshTokenHardTtlSec: 5 * 365 * DAY,
        refreshTokenRotateAfterMs: 24 * 3600_000,
      },
    });
  });

  /** Starts a new authorisation: the consent page and the code exchange. */
  async function connect() {
    const code = new URL(await authorize(client())).searchParams.get('code') ?? '';
    return hardExpiryTokenRequest(
      `grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent(redirectUri)}`,
    );
  }
  const refresh = (refreshToken: unknown) =>
    hardExpiryTokenRequest(`grant_type=refresh_token&refresh_token=${String(refreshToken)}`);
  /** The emulator clock runs on real time between calls: allow a few seconds of drift. */
  const assertAbout = (actual: unknown, expectedSeconds: number) =>
    assert.ok(
      Math.abs(Number(actual) - expectedSeconds) <= 5,
      `expected about ${expectedSeconds}, got ${String(actual)}`,
    );

  test('counts down from the code exchange, across refreshes and rotations', async () => {
    const connected = await connect();
    assert.equal(connected.status, 200);
    assertAbout(connected.json.x_refresh_token_hard_expires_in, capDays * DAY);
    // The rolling expiry (about 101 days) cannot outlast the cap.
    assertAbout(connected.json.x_refresh_token_expires_in, capDays * DAY);

    emu.admin.advanceClock({ ms: 4 * DAY * 1000 });
    const refreshed = await refresh(connected.json.refresh_token);
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.json.refresh_token, connected.json.refresh_token, 'rotated');
    assertAbout(refreshed.json.x_refresh_token_hard_expires_in, (capDays - 4) * DAY);
    assertAbout(refreshed.json.x_refresh_token_expires_in, (capDays - 4) * DAY);
  });

  test('once passed, a refresh fails with invalid_grant like a revoked token; a new authorisation starts afresh', async () => {
    const connected = await connect();
    emu.admin.advanceClock({ ms: (capDays - 1) * DAY * 1000 });
    const lastRefresh = await refresh(connected.json.refresh_token);
    assert.equal(lastRefresh.status, 200);

    emu.admin.advanceClock({ ms: DAY * 1000 });
    const refused = await refresh(lastRefresh.json.refresh_token);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });

    const reconnected = await connect();
    assert.equal(reconnected.status, 200);
    assertAbout(reconnected.json.x_refresh_token_hard_expires_in, capDays * DAY);
    assert.equal((await refresh(reconnected.json.refresh_token)).status, 200);
  });
});

test('the openid scope yields an RS256 id_token that intuit-oauth validates against the emulator JWKS', async () => {
  const { realmId } = emu.admin.createRealm({ realmId: '9130000000000778' });
  emu.admin.updateSettings({ oauth: { authorizeRealmId: realmId } });
  // intuit-oauth fetches the JWKS from a static URL; point it at the emulator for this test only.
  const defaultJwks = OAuthClient.jwks_uri;
  OAuthClient.jwks_uri = `${emu.baseUrl}/op/v1/jwks`;
  try {
    const c = client();
    await c.createToken(await authorize(c, 'st-oidc', [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId]));
    const idToken = c.getToken().id_token;
    const [headerPart = '', payloadPart = ''] = idToken.split('.');
    const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString());
    const header = decode(headerPart) as { alg: string; kid: string };
    const payload = decode(payloadPart) as IdTokenClaims;
    assert.equal(header.alg, 'RS256');
    assert.equal(payload.iss, 'https://oauth.platform.intuit.com/op/v1');
    assert.deepEqual(payload.aud, [clientId]);
    assert.equal(payload.realmid, realmId);
    assert.equal(payload.exp - payload.iat, 3600);
    const jwks = toResponse(await fetch(OAuthClient.jwks_uri));
    assert.equal((await jwks).json.keys[0].kid, header.kid);
    assert.equal(await c.validateIdToken(), true);

    // A token whose payload was altered fails the signature check.
    const [h, , sig] = idToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, realmid: '1' })).toString('base64url');
    c.setToken({ ...c.getToken(), id_token: `${h}.${forged}.${sig}` });
    await assert.rejects(c.validateIdToken(), /invalid signature/);

    const plain = client();
    const created = await plain.createToken(await authorize(plain, 'st-plain'));
    assert.equal((created.getJson() as Record<string, unknown>).id_token, undefined, 'no openid scope, no id_token');
  } finally {
    OAuthClient.jwks_uri = defaultJwks;
  }
});
