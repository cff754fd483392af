import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QboSchemaError } from '../../../integrations/qbo/errors.js';
import { refreshTokenExpiry, tokensFromResponse } from '../../../integrations/qbo/tokens.js';

const now = new Date('2028-10-01T00:00:00Z');
const DAY = 86_400;
const inDays = (days: number) => new Date(now.getTime() + days * DAY * 1000);
const response = (extra: Record<string, unknown> = {}) => ({
  token_type: 'bearer',
  access_token: 'at-1',
  refresh_token: 'rt-1',
  expires_in: 3600,
  x_refresh_token_expires_in: 101 * DAY,
  ...extra,
});

void test('the refresh token expires at the rolling expiry when no hard cap is reported', () => {
  assert.deepEqual(refreshTokenExpiry(now, 101 * DAY), inDays(101));
});

void test('the refresh token expires at whichever of the rolling expiry and the hard cap comes first', () => {
  assert.deepEqual(refreshTokenExpiry(now, 101 * DAY, 5 * 365 * DAY), inDays(101));
  assert.deepEqual(refreshTokenExpiry(now, 101 * DAY, 20 * DAY), inDays(20));
  assert.deepEqual(refreshTokenExpiry(now, 101 * DAY, 0), now);
});

void test('stored tokens take the hard cap as their refresh expiry when it comes before the rolling one', () => {
  const tokens = tokensFromResponse(response({ x_refresh_token_hard_expires_in: 20 * DAY }), now, 'token refresh');
  assert.deepEqual(tokens, {
    accessToken: 'at-1',
    refreshToken: 'rt-1',
    accessTokenExpiresAt: new Date(now.getTime() + 3600_000),
    refreshTokenExpiresAt: inDays(20),
    refreshHardCapped: true,
  });
  const rolling = tokensFromResponse(response(), now, 'token refresh');
  assert.deepEqual([rolling.refreshTokenExpiresAt, rolling.refreshHardCapped], [inDays(101), false]);
  const farCap = tokensFromResponse(response({ x_refresh_token_hard_expires_in: 900 * DAY }), now, 'token refresh');
  assert.deepEqual([farCap.refreshTokenExpiresAt, farCap.refreshHardCapped], [inDays(101), false]);
});

void test('a hard expiry that is not a non-negative number is a schema error naming the field', () => {
  for (const bad of [-1, '157680000', null]) {
    assert.throws(
      () => tokensFromResponse(response({ x_refresh_token_hard_expires_in: bad }), now, 'token exchange'),
      (e: unknown) =>
        e instanceof QboSchemaError && e.path === 'x_refresh_token_hard_expires_in' && e.operation === 'token exchange',
    );
  }
});
