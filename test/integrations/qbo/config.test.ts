import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQboConfig } from '../../../integrations/qbo/config.js';

const app = { clientId: 'id', clientSecret: 'secret', redirectUri: 'https://sync.example.com/oauth/qbo/callback' };

void test('sandbox and production get Intuit defaults, minor version 75 and a 30 s timeout', () => {
  const sandbox = parseQboConfig({ environment: 'sandbox', ...app });
  assert.equal(sandbox.apiBaseUrl, 'https://sandbox-quickbooks.api.intuit.com');
  assert.equal(sandbox.authorizeUrl, 'https://appcenter.intuit.com/connect/oauth2');
  assert.equal(sandbox.tokenUrl, 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
  assert.equal(sandbox.revokeUrl, 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke');
  assert.equal(sandbox.userInfoUrl, 'https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo');
  assert.equal(sandbox.minorVersion, 75);
  assert.equal(sandbox.requestTimeoutMs, 30_000);
  const production = parseQboConfig({ environment: 'production', ...app, minorVersion: 70 });
  assert.equal(production.apiBaseUrl, 'https://quickbooks.api.intuit.com');
  assert.equal(production.userInfoUrl, 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo');
  assert.equal(production.minorVersion, 70);
});

void test('custom needs every URL and keeps them without trailing slashes', () => {
  assert.throws(
    () => parseQboConfig({ environment: 'custom', ...app, apiBaseUrl: 'http://127.0.0.1:9' }),
    (e: Error) => ['authorizeUrl', 'tokenUrl', 'revokeUrl'].every((key) => e.message.includes(key)),
  );
  const base = 'http://127.0.0.1:4010';
  const custom = parseQboConfig({
    environment: 'custom',
    ...app,
    apiBaseUrl: `${base}/`,
    authorizeUrl: `${base}/connect/oauth2`,
    tokenUrl: `${base}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${base}/oauth2/v1/tokens/revoke`,
  });
  assert.equal(custom.apiBaseUrl, base);
  assert.equal(custom.userInfoUrl, undefined);
});

void test('bad values are rejected', () => {
  assert.throws(() => parseQboConfig({ environment: 'staging', ...app }));
  assert.throws(() => parseQboConfig({ environment: 'sandbox', ...app, clientId: '' }));
  assert.throws(() => parseQboConfig({ environment: 'sandbox', ...app, apiBaseUrl: 'ftp://x' }));
});
