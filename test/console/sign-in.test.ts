import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import secureSession from '@fastify/secure-session';
import { consoleCookie } from '../../console/routes.js';
import { sessionKey, sessionMaxAgeMs } from '../../console/session.js';
import { checkPage, signIn, startConsoleStack, type ConsoleStack } from './support.js';

let cs: ConsoleStack;
before(async () => {
  cs = await startConsoleStack();
});
after(async () => {
  await cs.close();
});

/** A session cookie sealed with `key`, holding `user`, as the console would set it. */
async function sealedCookie(key: Buffer, user: unknown): Promise<string> {
  const app = Fastify();
  await app.register(secureSession, { key, cookieName: consoleCookie, cookie: { path: '/console' } });
  app.get('/console/mint', (request, reply) => {
    request.session.set('user', user as never);
    return reply.send('ok');
  });
  const answer = await app.inject({ method: 'GET', url: '/console/mint' });
  await app.close();
  // The raw Set-Cookie value, encoded as a browser would send it back.
  const raw = [answer.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${consoleCookie}=`));
  assert.ok(raw);
  return raw.slice(consoleCookie.length + 1).split(';')[0] ?? '';
}

test('every page needs a sign-in: a browser without one is sent to the login page', async () => {
  const page = await cs.browser.newPage();
  await page.goto(`${cs.stack.url}/console/c/anything/history`);
  assert.equal(new URL(page.url()).pathname, '/console/login');
  await checkPage(page, 'login');
  const post = await fetch(`${cs.stack.url}/console/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'id=sneaky',
    redirect: 'manual',
  });
  assert.equal(post.status, 401);
  assert.equal(await cs.stack.ctx.store.connections.find('sneaky'), null);
  await page.close();
});

test('a wrong password is refused; the right one signs in with an HttpOnly SameSite cookie; sign-out ends it', async () => {
  const context = await cs.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${cs.stack.url}/console/login`);
  await page.getByLabel('User name').fill('bookkeeper');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Wrong user name or password.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/console/login');

  await signIn(page, cs.stack.url);
  await page.getByRole('heading', { name: 'Connections' }).waitFor();
  const cookie = (await context.cookies()).find((c) => c.name === consoleCookie);
  assert.ok(cookie);
  assert.deepEqual([cookie.httpOnly, cookie.sameSite, cookie.path], [true, 'Strict', '/console']);
  await checkPage(page, 'connections');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${cs.stack.url}/console/login`);
  await page.goto(`${cs.stack.url}/console`);
  assert.equal(new URL(page.url()).pathname, '/console/login');
  await context.close();
});

test('a form posted without its CSRF token, or with a wrong one, is refused and changes nothing', async () => {
  const context = await cs.browser.newContext();
  const page = await context.newPage();
  await signIn(page, cs.stack.url);
  for (const token of [null, 'forged-token']) {
    const answer = await page.evaluate(async (csrf) => {
      const body = new URLSearchParams({ id: 'csrf-victim', ...(csrf ? { _csrf: csrf } : {}) });
      const response = await fetch('/console/connections', { method: 'POST', body });
      return { status: response.status, text: await response.text() };
    }, token);
    assert.equal(answer.status, 403);
    assert.match(answer.text, /security token is missing or wrong/);
  }
  assert.equal(await cs.stack.ctx.store.connections.find('csrf-victim'), null);
  await context.close();
});

test('an expired session and a forged cookie are refused', async () => {
  const key = sessionKey(cs.stack.operatorToken);
  const expired = await sealedCookie(key, {
    name: 'bookkeeper',
    role: 'operator',
    signedInAt: Date.now() - sessionMaxAgeMs - 60_000,
  });
  const forged = await sealedCookie(Buffer.alloc(32, 7), { name: 'mallory', role: 'operator', signedInAt: Date.now() });
  const fresh = await sealedCookie(key, { name: 'bookkeeper', role: 'operator', signedInAt: Date.now() });
  const open = (cookie: string) =>
    fetch(`${cs.stack.url}/console`, { headers: { cookie: `${consoleCookie}=${cookie}` }, redirect: 'manual' });
  assert.equal((await open(fresh)).status, 200, 'the same sealing with the right key and time is accepted');
  for (const cookie of [expired, forged, `${fresh.slice(0, -4)}AAAA`]) {
    const answer = await open(cookie);
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/console/login');
  }
});
