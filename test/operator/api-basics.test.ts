/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, type Stack } from './support/stack.js';
import { storedCredentials } from '../support/stored-credentials.js';

let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack.close();
});

describe('operator API authentication', () => {
  it('refuses requests without the bearer token, or with a wrong one, with 401 and how to authenticate', async () => {
    const none = await fetch(`${stack.url}/api/connections`);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="qzsync"');
    const body = (await none.json()) as { error: { code: string; fix: string } };
    assert.equal(body.error.code, 'unauthorized');
    assert.match(body.error.fix, /Authorization: Bearer <token>/);
    const wrong = await stack.api('GET', '/api/connections', undefined, `${stack.token}x`);
    assert.equal(wrong.status, 401);
    const basic = await fetch(`${stack.url}/api/status`, { headers: { authorization: `Basic ${stack.token}` } });
    assert.equal(basic.status, 401);
    assert.equal((await stack.api('GET', '/api/connections')).status, 200);
  });

  it('refuses before doing anything: a POST without the token creates nothing', async () => {
    const res = await fetch(`${stack.url}/api/connections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'sneaky' }),
    });
    assert.equal(res.status, 401);
    assert.equal(await stack.ctx.store.connections.find('sneaky'), null);
  });
});

describe('operator API input validation and errors', () => {
  it('answers 400 naming the offending field', async () => {
    const badId = await stack.api('POST', '/api/connections', { id: 'has space' });
    assert.equal(badId.status, 400);
    assert.equal(badId.body.error.code, 'invalid_input');
    assert.equal(badId.body.error.field, 'id');
    assert.match(badId.body.error.message, /^id: letters, digits/);

    const unknownField = await stack.api('POST', '/api/connections', { id: 'ok', colour: 'red' });
    assert.equal(unknownField.status, 400);
    assert.match(unknownField.body.error.message, /colour/);

    await stack.api('POST', '/api/connections', { id: 'valid' });
    const badSetting = await stack.api('PUT', '/api/connections/valid/settings', {
      productMaster: 'xero',
      defaultLocationUid: 'L1',
    });
    assert.equal(badSetting.status, 400);
    assert.equal(badSetting.body.error.field, 'productMaster');
    const badAccount = await stack.api('PUT', '/api/connections/valid/settings', { accounts: { incomeAccountId: '' } });
    assert.equal(badAccount.body.error.field, 'accounts.incomeAccountId');
    const missingMaster = await stack.api('PUT', '/api/connections/valid/settings', { defaultLocationUid: 'L1' });
    assert.equal(missingMaster.status, 400);
    assert.equal(missingMaster.body.error.field, 'productMaster');
    const tooOften = await stack.api('PUT', '/api/connections/valid/settings', { reconcileEvery: '30s' });
    assert.match(tooOften.body.error.message, /^reconcileEvery: at least 1m/);

    const badLimit = await stack.api('GET', '/api/connections/valid/history?limit=0');
    assert.equal(badLimit.status, 400);
    assert.equal(badLimit.body.error.field, 'limit');
    const badKind = await stack.api('GET', '/api/connections/valid/history?kind=everything');
    assert.equal(badKind.body.error.field, 'kind');
    const badHistoryId = await stack.api('GET', '/api/history/abc');
    assert.equal(badHistoryId.body.error.field, 'historyId');
    const badUrl = await stack.api('POST', '/api/connections/valid/zuper', {
      company: 'x',
      apiKey: '12345678',
      apiUrl: 'ftp://x',
    });
    assert.equal(badUrl.body.error.field, 'apiUrl');
    const malformed = await fetch(`${stack.url}/api/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
      body: '{"id":',
    });
    assert.equal(malformed.status, 400);
  });

  it('answers 404 for an unknown connection or history entry, and 409 for conflicts', async () => {
    const unknown = await stack.api('GET', '/api/connections/nope/status');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, {
      error: {
        code: 'connection_not_found',
        message: 'no connection "nope"',
        fix: 'List connections with `qzsync connections`.',
      },
    });
    assert.equal((await stack.api('GET', '/api/history/99999')).status, 404);
    const run = await stack.api('GET', '/api/runs/link%3Anope%3Arun%3A1');
    assert.deepEqual(run, {
      status: 404,
      body: { error: { code: 'run_not_found', message: 'There is no run link:nope:run:1.' } },
    });

    await stack.api('POST', '/api/connections', { id: 'twice' });
    const again = await stack.api('POST', '/api/connections', { id: 'twice' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'connection_exists');
    const disconnect = await stack.api('DELETE', '/api/connections/twice/zuper');
    assert.equal(disconnect.status, 409);
    assert.equal(disconnect.body.error.code, 'zuper_not_connected');
    const link = await stack.api('POST', '/api/connections/twice/link', { dryRun: true });
    assert.equal(link.status, 409);
    assert.equal(link.body.error.code, 'not_configured');
    const schedule = await stack.api('GET', '/api/connections/twice/schedule');
    assert.equal(schedule.status, 404);
    assert.equal(schedule.body.error.code, 'schedule_not_found');
  });
});

describe('connections', () => {
  it('creates and lists connections, and gives the QuickBooks sign-in link', async () => {
    const created = await stack.api('POST', '/api/connections', { id: 'listed', displayName: 'Listed Co' });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, {
      id: 'listed',
      displayName: 'Listed Co',
      status: 'active',
      statusReason: null,
      configured: false,
      sides: {
        accounting: { system: 'qbo', connected: false, account: null },
        field: { system: 'zuper', connected: false, account: null },
      },
      qboConnected: false,
      qboRealmId: null,
      zuperConnected: false,
      zuperCompany: null,
    });
    const list = await stack.api('GET', '/api/connections');
    assert.ok(list.body.connections.some((c: { id: string }) => c.id === 'listed'));
    const link = await stack.api('POST', '/api/connections/listed/qbo', {});
    assert.equal(link.body.connectionId, 'listed');
    assert.match(
      link.body.url,
      new RegExp(`^${stack.ctx.env.PUBLIC_BASE_URL}/oauth/qbo/connect\\?connection=listed&ticket=\\d+\\.[\\w-]{43}$`),
    );
  });
});

describe('long operations that fail', () => {
  it('a link run that QuickBooks refuses answers state "failed" with the explanation and fix', async () => {
    const lf = await stack.connection('lf');
    const future = new Date(Date.now() + 3_600_000);
    await storedCredentials(stack.ctx.store).saveQbo(lf.id, lf.realmId, {
      accessToken: 'revoked',
      refreshToken: 'revoked',
      accessTokenExpiresAt: future,
      refreshTokenExpiresAt: future,
    });
    stack.ctx.clients.forget(lf.id);
    const answer = await stack.api('POST', `/api/connections/${lf.id}/link`, { dryRun: true });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.state, 'failed');
    assert.equal(answer.body.kind, 'link');
    assert.match(answer.body.failure.explanation, /QuickBooks no longer accepts this connection/);
    assert.match(answer.body.failure.fix, /Reconnect QuickBooks/);
  });
});
