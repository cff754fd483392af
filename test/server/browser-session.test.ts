import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSessionSetCookie, newBrowserSession, readBrowserSession } from '../../security/browser-session.js';

test('a new session reads back from a Cookie header among other cookies', () => {
  const session = newBrowserSession();
  assert.notEqual(session, newBrowserSession());
  assert.equal(readBrowserSession(`a=1; qzsync_oauth_session=${session}; b=2`), session);
});

test('missing or malformed session cookies read as none', () => {
  assert.equal(readBrowserSession(undefined), null);
  assert.equal(readBrowserSession('other=1'), null);
  assert.equal(readBrowserSession('qzsync_oauth_session=short'), null);
  assert.equal(readBrowserSession(`qzsync_oauth_session=${'x'.repeat(42)}!`), null);
});

test('the cookie is HttpOnly, SameSite=Lax, scoped to the OAuth paths, and Secure only over HTTPS', () => {
  assert.equal(
    browserSessionSetCookie('s', { secure: false, maxAgeSeconds: 60 }),
    'qzsync_oauth_session=s; Path=/oauth/qbo; Max-Age=60; HttpOnly; SameSite=Lax',
  );
  assert.equal(
    browserSessionSetCookie('s', { secure: true, maxAgeSeconds: 60 }),
    'qzsync_oauth_session=s; Path=/oauth/qbo; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
  );
});
