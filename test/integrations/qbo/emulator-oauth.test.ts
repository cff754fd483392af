import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { QboAuthError } from '../../../integrations/qbo/errors.js';
import { createQboClient } from '../../../integrations/qbo/client.js';
import { createQboTokenProvider } from '../../../integrations/qbo/token-provider.js';
import { MemoryTokenStore } from './support/memory-token-store.js';
import { rejectionOf, startEmulatorSetup, type EmulatorSetup } from './support/emulator.js';

let s: EmulatorSetup;
before(async () => {
  s = await startEmulatorSetup();
});
after(() => s.close());

/** Goes through the emulator's authorize page (it auto-approves) and returns where it redirects the browser. */
async function authorize(state: string): Promise<string> {
  const res = await fetch(s.oauth.authorizeUrl(state), { redirect: 'manual' });
  assert.equal(res.status, 302);
  const location = res.headers.get('location');
  assert.ok(location);
  return location;
}

void test('OAuth round trip with intuit-oauth: authorize, exchange, refresh rotates, revoke, then invalid_grant', async () => {
  s.emu.admin.updateSettings({ oauth: { refreshTokenRotateAfterMs: 0, refreshTokenGraceMs: 0 } });
  const callback = await authorize('csrf-123');
  assert.ok(callback.startsWith(`${s.config.redirectUri}?`));

  const connected = await s.oauth.exchangeCode(callback);
  assert.equal(connected.realmId, s.realmId, 'the authorize page connects the first company');
  assert.equal(connected.state, 'csrf-123');
  const now = s.emu.admin.now().getTime();
  assert.ok(Math.abs(connected.tokens.accessTokenExpiresAt.getTime() - (now + 3600_000)) < 5_000);
  assert.ok(Math.abs(connected.tokens.refreshTokenExpiresAt.getTime() - (now + 8_726_400_000)) < 5_000);

  // The tokens work for the API.
  const store = new MemoryTokenStore(connected.tokens);
  const tokens = createQboTokenProvider({ oauth: s.oauth, store, now: () => s.emu.admin.now() });
  const client = createQboClient({ config: s.config, realmId: connected.realmId, tokens });
  assert.equal((await client.getCompanyInfo()).companyName, 'Sandbox Company_US_1');

  // The code is single-use.
  const reused = await rejectionOf(s.oauth.exchangeCode(callback));
  assert.ok(reused instanceof QboAuthError);
  assert.equal(reused.code, 'invalid_grant');

  const refreshed = await s.oauth.refresh(connected.tokens.refreshToken);
  assert.notEqual(refreshed.refreshToken, connected.tokens.refreshToken, 'rotated');
  assert.notEqual(refreshed.accessToken, connected.tokens.accessToken);
  const old = await rejectionOf(s.oauth.refresh(connected.tokens.refreshToken));
  assert.ok(old instanceof QboAuthError, 'the rotated-out refresh token is dead');
  assert.equal(old.code, 'invalid_grant');
  assert.equal(old.retryable, false);
  assert.equal(old.reconnectNeeded, true);

  await s.oauth.revoke(refreshed.refreshToken);
  const revoked = await rejectionOf(s.oauth.refresh(refreshed.refreshToken));
  assert.ok(revoked instanceof QboAuthError);
  assert.equal(revoked.code, 'invalid_grant');
  assert.equal(revoked.description, 'Token has been expired or revoked.');

  // An API call with the revoked grant: 401, the forced refresh hits invalid_grant, which surfaces as is.
  store.tokens = refreshed;
  const apiError = await rejectionOf(client.getPreferences());
  assert.ok(apiError instanceof QboAuthError);
  assert.match(apiError.explanation, /reconnect needed/);
});

void test('two workers sharing a store refresh once and both keep working', async () => {
  s.emu.admin.updateSettings({ oauth: { refreshTokenRotateAfterMs: 0, refreshTokenGraceMs: 0 } });
  const refreshes: string[] = [];
  const countingOAuth = {
    refresh: (rt: string) => {
      refreshes.push(rt);
      return s.oauth.refresh(rt);
    },
  };
  const connection = s.newConnection({ oauth: countingOAuth });
  const workers = [connection.client(), connection.client()];
  s.emu.admin.advanceClock({ ms: 3600_000 + 1 });
  const results = await Promise.all([...workers, ...workers].map((w) => w.getCompanyInfo()));
  assert.deepEqual(
    results.map((r) => r.id),
    ['1', '1', '1', '1'],
  );
  assert.deepEqual(refreshes, [connection.issuedRefreshToken], 'exactly one refresh, with the stored refresh token');
  assert.equal(connection.store.writes, 1);
  assert.notEqual(connection.store.tokens.refreshToken, connection.issuedRefreshToken);
  // Both still work afterwards, with the new tokens and no further refresh.
  await Promise.all(workers.map((w) => w.getPreferences()));
  assert.equal(refreshes.length, 1);
});

void test('a token QBO rejects although it looks fresh is force-refreshed once and the call retried', async () => {
  const { store, client: connect } = s.newConnection({ believedExpiry: new Date('2100-01-01T00:00:00Z') });
  const client = connect();
  s.emu.admin.advanceClock({ ms: 2 * 3600_000 });
  const seq = s.emu.admin.requestLog().at(-1)?.seq ?? 0;
  const prefs = await client.getPreferences();
  assert.equal(prefs.trackQuantityOnHand, true);
  const log = s.emu.admin.requestLog({ afterSeq: seq });
  assert.deepEqual(
    log.map((e) => [e.path, e.status]),
    [
      [`/v3/company/${s.realmId}/preferences`, 401],
      [`/v3/company/${s.realmId}/preferences`, 200],
    ],
  );
  assert.notEqual(log[0]?.headers.authorization, log[1]?.headers.authorization);
  assert.equal(store.writes, 1);
});
