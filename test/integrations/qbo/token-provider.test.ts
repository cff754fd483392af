import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQboTokenProvider } from '../../../integrations/qbo/token-provider.js';
import type { QboTokens } from '../../../integrations/qbo/tokens.js';
import { MemoryTokenStore } from './support/memory-token-store.js';

const t0 = new Date('2025-09-10T12:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function tokens(n: number, expiresAt: Date): QboTokens {
  return {
    accessToken: `at${n}`,
    refreshToken: `rt${n}`,
    accessTokenExpiresAt: expiresAt,
    refreshTokenExpiresAt: at(100 * 24 * 60),
  };
}

/** A fake OAuth server: each refresh rotates the refresh token and rejects an old one. */
function fakeOAuth(clock: () => Date) {
  const state = { current: 1, refreshes: [] as string[] };
  return {
    state,
    async refresh(refreshToken: string) {
      state.refreshes.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (refreshToken !== `rt${state.current}`) throw new Error(`invalid_grant for ${refreshToken}`);
      state.current += 1;
      return tokens(state.current, new Date(clock().getTime() + 3600_000));
    },
  };
}

void test('a fresh token is used as stored; one inside the margin is refreshed and stored', async () => {
  let now = t0;
  const oauth = fakeOAuth(() => now);
  const store = new MemoryTokenStore(tokens(1, at(60)));
  const provider = createQboTokenProvider({ oauth, store, now: () => now });
  assert.equal(await provider.getAccessToken(), 'at1');
  now = at(54);
  assert.equal(await provider.getAccessToken(), 'at1', 'six minutes left is outside the 5-minute margin');
  now = at(56);
  assert.equal(await provider.getAccessToken(), 'at2');
  assert.deepEqual(oauth.state.refreshes, ['rt1']);
  assert.equal(store.tokens.refreshToken, 'rt2');
  assert.equal(store.tokens.accessTokenExpiresAt.toISOString(), at(116).toISOString());
});

void test('concurrent callers on two providers sharing a store refresh once and all get the new token', async () => {
  const now = () => at(59);
  const oauth = fakeOAuth(now);
  const store = new MemoryTokenStore(tokens(1, at(60)));
  const a = createQboTokenProvider({ oauth, store, now });
  const b = createQboTokenProvider({ oauth, store, now });
  const got = await Promise.all([a.getAccessToken(), b.getAccessToken(), a.getAccessToken(), b.getAccessToken()]);
  assert.deepEqual(got, ['at2', 'at2', 'at2', 'at2']);
  assert.deepEqual(oauth.state.refreshes, ['rt1']);
  assert.equal(store.writes, 1);
});

void test('forceRefresh after a 401 refreshes once even when two callers saw the same rejected token', async () => {
  const now = () => at(10);
  const oauth = fakeOAuth(now);
  const store = new MemoryTokenStore(tokens(1, at(60)));
  const a = createQboTokenProvider({ oauth, store, now });
  const b = createQboTokenProvider({ oauth, store, now });
  const got = await Promise.all([a.forceRefresh('at1'), b.forceRefresh('at1')]);
  assert.deepEqual(got, ['at2', 'at2']);
  assert.deepEqual(oauth.state.refreshes, ['rt1']);
  assert.equal(await a.forceRefresh(), 'at3', 'without a rejected token it always refreshes');
});

void test('a failed refresh leaves the stored tokens untouched and surfaces the error', async () => {
  const store = new MemoryTokenStore(tokens(1, at(0)));
  const provider = createQboTokenProvider({
    oauth: { refresh: () => Promise.reject(new Error('invalid_grant')) },
    store,
    now: () => at(1),
  });
  await assert.rejects(provider.getAccessToken(), /invalid_grant/);
  assert.equal(store.tokens.refreshToken, 'rt1');
  assert.equal(store.writes, 0);
});
