import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { startQboEmulator, type RunningQboEmulator } from '../../emulators/qbo/index.js';
import { qboConnectLink } from '../../integrations/qbo/operator-routes.js';
import { newBrowserSession } from '../../security/browser-session.js';
import { TestBrowser } from './browser.js';
import { startRecordingProxy } from './recording-proxy.js';
import { openTestContext, startTestServer, type TestServer } from './support.js';
import { storedCredentials } from '../support/stored-credentials.js';
import { credentialFields } from '../support/stored-credentials.js';
import { connectionOfRealm } from '../../integrations/qbo/credentials.js';

let emulator: RunningQboEmulator;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let ctx: AppContext;
let server: TestServer;

before(async () => {
  emulator = await startQboEmulator();
  proxy = await startRecordingProxy(emulator.baseUrl);
  ctx = await openTestContext({ qboEmulatorUrl: proxy.url });
  server = await startTestServer(ctx);
  emulator.admin.registerApp({
    clientId: ctx.apps.qbo.clientId,
    clientSecret: ctx.apps.qbo.clientSecret,
    redirectUris: [ctx.apps.qbo.redirectUri],
  });
});
after(async () => {
  await server.app.close();
  await ctx.close();
  await proxy.close();
  await emulator.close();
});

/** A new connection, and a new QBO company the emulator's consent page will connect to. */
async function freshConnection() {
  const connectionId = `oauth-${randomUUID()}`;
  await ctx.store.connections.create(connectionId, 'OAuth test');
  const { realmId } = emulator.admin.createRealm();
  emulator.admin.updateSettings({ oauth: { authorizeRealmId: realmId } });
  return { connectionId, realmId };
}

/** The operator-issued connect link, pointed at this test server. */
const connectUrl = async (connectionId: string) => {
  const { url } = await qboConnectLink(ctx, connectionId);
  return `${server.url}${new URL(url).pathname}${new URL(url).search}`;
};

/** Runs the flow up to Intuit's redirect back, without following it: returns the callback URL. */
async function consentedCallback(browser: TestBrowser, connectionId: string): Promise<string> {
  const toIntuit = await browser.get(await connectUrl(connectionId));
  const back = await browser.get(toIntuit.headers.get('location') ?? '');
  assert.equal(back.status, 302);
  return back.headers.get('location') ?? '';
}

const tokenCalls = () => proxy.requests.filter((r) => r.method === 'POST' && r.path === '/oauth2/v1/tokens/bearer');
const tokenExchanges = () => tokenCalls().length;

async function sealedTokens(connectionId: string) {
  const rows = await ctx.store.db.query<{ tokens: string | null }>(
    `SELECT secrets_sealed ->> 'tokens' AS tokens FROM connection_credentials WHERE connection_id = $1 AND system = 'qbo'`,
    [connectionId],
  );
  return rows[0]?.tokens ?? null;
}

test('connect → Intuit consent → callback stores working tokens, sealed, through the real intuit-oauth library', async () => {
  const { connectionId, realmId } = await freshConnection();
  const browser = new TestBrowser();

  const connect = await browser.get(await connectUrl(connectionId));
  assert.equal(connect.status, 302);
  const authorize = new URL(connect.headers.get('location') ?? '');
  assert.equal(`${authorize.origin}${authorize.pathname}`, `${proxy.url}/connect/oauth2`);
  assert.deepEqual(
    [authorize.searchParams.get('client_id'), authorize.searchParams.get('redirect_uri')],
    [ctx.apps.qbo.clientId, ctx.apps.qbo.redirectUri],
  );
  assert.match(authorize.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{32}$/);
  assert.match(
    connect.headers.get('set-cookie') ?? '',
    /^qzsync_oauth_session=[A-Za-z0-9_-]{43}; Path=\/oauth\/qbo; Max-Age=3600; HttpOnly; SameSite=Lax$/,
  );

  const page = await browser.open(authorize.toString());

  assert.equal(page.status, 200);
  assert.match(
    await page.text(),
    new RegExp(`Connection &quot;${connectionId}&quot; now syncs with QuickBooks company ${realmId}`),
  );
  const connection = await ctx.store.connections.get(connectionId);
  assert.deepEqual(
    [credentialFields(connection).qboRealmId, credentialFields(connection).hasQboTokens, connection.status],
    [realmId, true, 'active'],
  );
  const tokens = await storedCredentials(ctx.store).loadQboTokens(connectionId);
  const sealed = (await sealedTokens(connectionId)) ?? '';
  assert.equal(sealed.includes(tokens.accessToken) || sealed.includes(tokens.refreshToken), false, 'sealed at rest');
  assert.match(String(tokenCalls().at(-1)?.userAgent), /^Intuit-OAuthClient-JS/);
  const userinfo = await fetch(`${emulator.baseUrl}/v1/openid_connect/userinfo`, {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
  });
  assert.equal(userinfo.status, 200, 'the stored access token is one the emulator issued');
});

test('a callback URL used a second time is refused and changes nothing', async () => {
  const { connectionId } = await freshConnection();
  const browser = new TestBrowser();
  const callback = await consentedCallback(browser, connectionId);
  assert.equal((await browser.get(callback)).status, 200);
  const stored = await sealedTokens(connectionId);
  const exchanges = tokenExchanges();

  const replay = await browser.get(callback);

  assert.equal(replay.status, 400);
  assert.match(await replay.text(), /It was already used, it expired, or it was started in another browser/);
  assert.equal(await sealedTokens(connectionId), stored);
  assert.equal(tokenExchanges(), exchanges, 'no second code exchange');
});

test('a callback opened in another browser is refused, and the state stays usable by the one it was issued to', async () => {
  const { connectionId, realmId } = await freshConnection();
  const owner = new TestBrowser();
  const callback = await consentedCallback(owner, connectionId);
  const exchanges = tokenExchanges();

  const attacker = new TestBrowser();
  await attacker.get(await connectUrl(connectionId)); // has a session cookie of its own
  const stolen = await attacker.get(callback);
  const cookieless = await fetch(callback, { redirect: 'manual' });

  assert.deepEqual([stolen.status, cookieless.status], [400, 400]);
  assert.equal(await sealedTokens(connectionId), null);
  assert.equal(tokenExchanges(), exchanges);
  assert.equal((await owner.get(callback)).status, 200);
  assert.equal(credentialFields(await ctx.store.connections.get(connectionId)).qboRealmId, realmId);
});

test('an expired state is refused and stores nothing', async () => {
  const { connectionId } = await freshConnection();
  const session = newBrowserSession();
  const state = await ctx.store.oauthStates.issue(connectionId, session, -1_000);

  const response = await fetch(`${server.url}/oauth/qbo/callback?state=${state}&code=c&realmId=1`, {
    headers: { cookie: `qzsync_oauth_session=${session}` },
  });

  assert.equal(response.status, 400);
  assert.equal(await sealedTokens(connectionId), null);
});

test('a company already used by another connection is refused with an explanation (409)', async () => {
  const first = await freshConnection();
  assert.equal((await new TestBrowser().open(await connectUrl(first.connectionId))).status, 200);
  const second = `oauth-${randomUUID()}`;
  await ctx.store.connections.create(second, 'Second');

  const page = await new TestBrowser().open(await connectUrl(second)); // the consent page picks the same company

  assert.equal(page.status, 409);
  assert.match(
    await page.text(),
    new RegExp(`QuickBooks company ${first.realmId} is already used by another connection`),
  );
  assert.equal(await sealedTokens(second), null);
});

test('a declined consent is explained, and nothing is stored', async () => {
  const { connectionId } = await freshConnection();
  const browser = new TestBrowser();
  const toIntuit = await browser.get(await connectUrl(connectionId));
  const state = new URL(toIntuit.headers.get('location') ?? '').searchParams.get('state') ?? '';

  const page = await browser.get(`${server.url}/oauth/qbo/callback?error=access_denied&state=${state}`);

  assert.equal(page.status, 400);
  const html = await page.text();
  assert.match(html, /The QuickBooks user declined to connect the app\./);
  assert.match(html, /Start the connection again and approve access\./);
  assert.equal(await sealedTokens(connectionId), null);
});

test('connect refuses a missing or unknown connection without issuing anything', async () => {
  const missing = await fetch(`${server.url}/oauth/qbo/connect`, { redirect: 'manual' });
  const unknown = await fetch(`${server.url}/oauth/qbo/connect?connection=nope`, { redirect: 'manual' });
  assert.deepEqual([missing.status, unknown.status], [400, 404]);
  assert.equal(unknown.headers.get('set-cookie'), null);
  assert.match(await unknown.text(), /There is no connection &quot;nope&quot;/);
  const states = await ctx.store.db.query("SELECT 1 FROM oauth_states WHERE connection_id = 'nope'");
  assert.equal(states.length, 0);
});

test('the Reconnect URL restarts the flow for the connection owning the company and renews its tokens', async () => {
  const { connectionId, realmId } = await freshConnection();
  assert.equal((await new TestBrowser().open(await connectUrl(connectionId))).status, 200);
  const before = await storedCredentials(ctx.store).loadQboTokens(connectionId);

  const browser = new TestBrowser(); // what Intuit sends: no connect ticket, no session yet
  const toIntuit = await browser.get(`${server.url}/oauth/qbo/reconnect?realmId=${realmId}`);
  assert.equal(toIntuit.status, 302);
  const authorize = new URL(toIntuit.headers.get('location') ?? '');
  assert.equal(`${authorize.origin}${authorize.pathname}`, `${proxy.url}/connect/oauth2`);
  assert.equal(authorize.toString().includes(connectionId), false, 'the redirect does not name the connection');
  const page = await browser.open(authorize.toString());

  assert.equal(page.status, 200);
  const after = await storedCredentials(ctx.store).loadQboTokens(connectionId);
  assert.notEqual(after.refreshToken, before.refreshToken);
  assert.equal(credentialFields(await ctx.store.connections.get(connectionId)).qboRealmId, realmId);
});

test('a reconnect that comes back with another company is refused, and the owner keeps its tokens', async () => {
  const { connectionId, realmId } = await freshConnection();
  assert.equal((await new TestBrowser().open(await connectUrl(connectionId))).status, 200);
  const stored = await sealedTokens(connectionId);
  const { realmId: other } = emulator.admin.createRealm();
  emulator.admin.updateSettings({ oauth: { authorizeRealmId: other } });

  const page = await new TestBrowser().open(`${server.url}/oauth/qbo/reconnect?realmId=${realmId}`);

  assert.equal(page.status, 409);
  assert.equal(await sealedTokens(connectionId), stored);
  assert.equal(await connectionOfRealm(ctx.store, other), null);
});

test('reconnect answers a missing, malformed or unknown company alike, and issues nothing', async () => {
  const states = async () => (await ctx.store.db.query('SELECT 1 FROM oauth_states')).length;
  const issued = await states();
  const answers = await Promise.all(
    ['', '?realmId=12ab', '?realmId=9999999999999999'].map((q) =>
      fetch(`${server.url}/oauth/qbo/reconnect${q}`, { redirect: 'manual' }),
    ),
  );
  const texts = await Promise.all(answers.map((a) => a.text()));
  assert.deepEqual(
    answers.map((a) => [a.status, a.headers.get('set-cookie')]),
    [
      [404, null],
      [404, null],
      [404, null],
    ],
  );
  assert.equal(new Set(texts).size, 1, 'the same page whatever was wrong');
  assert.match(texts[0] ?? '', /no connection for that QuickBooks company/);
  assert.equal(await states(), issued);
});
