import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { Page } from 'playwright-core';
import secureSession from '@fastify/secure-session';
import { consoleCookie } from '../../console/routes.js';
import { sessionKey, sessionMaxAgeMs } from '../../console/session.js';
import { checkPage, consoleUser, signIn, startConsoleStack, type ConsoleStack } from './support.js';

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

/** The focused element's label, or its text for links and buttons (a page script: this project has no DOM types). */
const focusedName = `(() => {
  const el = document.activeElement;
  return ((el && el.labels && el.labels[0] ? el.labels[0].textContent : el && el.textContent) || '').trim();
})()`;

/** Presses Tab until the focused element is the one named `name` (its label, or its text for links and buttons). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const focused = String(await page.evaluate(focusedName));
    if (focused === name) return;
  }
  assert.fail(`"${name}" cannot be reached with the Tab key`);
}

test('by keyboard alone: sign in, add a connection and open its settings', async () => {
  const context = await cs.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${cs.stack.url}/console/login`);
  await tabTo(page, 'User name');
  await page.keyboard.type(consoleUser.username);
  await tabTo(page, 'Password');
  await page.keyboard.type(consoleUser.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${cs.stack.url}/console`);

  await tabTo(page, 'Connection id');
  await page.keyboard.type('keyboard-only');
  await tabTo(page, 'Name');
  await page.keyboard.type('Typed Without A Mouse');
  await tabTo(page, 'Add connection');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${cs.stack.url}/console/c/keyboard-only`);
  assert.equal((await cs.stack.ctx.store.connections.get('keyboard-only')).displayName, 'Typed Without A Mouse');

  await tabTo(page, 'Settings');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${cs.stack.url}/console/c/keyboard-only/settings`);
  await page.getByRole('heading', { name: /Settings/ }).waitFor();
  await context.close();
});
