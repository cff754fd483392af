/* eslint-disable @typescript-eslint/no-unsafe-return -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, type Stack, type TestConnection } from './support/stack.js';
import { createZuperClient } from '../../integrations/zuper/client.js';
import { zuperSubscriptions } from '../../integrations/zuper/events.js';
import { zuperWebhookName } from '../../integrations/zuper/webhook-names.js';
import { storedCredentials } from '../support/stored-credentials.js';

let stack: Stack;
let ck: TestConnection;
before(async () => {
  stack = await startStack();
  ck = await stack.connection('ck');
});
after(async () => {
  await stack.close();
});

interface Check {
  id: string;
  status: string;
  detail: string;
  fix?: string;
}

const checks = async (id = ck.id): Promise<{ ok: boolean; checks: Check[] }> => {
  const answer = await stack.api('GET', `/api/connections/${id}/checks`);
  assert.equal(answer.status, 200);
  return answer.body;
};
const statuses = (list: Check[]) => Object.fromEntries(list.map((c) => [c.id, c.status]));
const byId = (list: Check[], id: string) => list.find((c) => c.id === id)!;
const allPassed = {
  settings: 'passed',
  'qbo-authorised': 'passed',
  'qbo-categories': 'passed',
  'qbo-quantity-tracking': 'passed',
  'qbo-accounts': 'passed',
  'qbo-inventory-adjustment': 'passed',
  'zuper-authorised': 'passed',
  'zuper-default-location': 'passed',
  'zuper-negative-stock': 'passed',
  'zuper-invoice-consumption': 'passed',
  'zuper-webhooks': 'passed',
};
const configure = (change: Record<string, unknown>) => stack.api('PUT', `/api/connections/${ck.id}/settings`, change);

describe('prerequisite checks against both emulators', () => {
  it('all pass on a well set-up pair of companies', async () => {
    const answer = await checks();
    assert.deepEqual(statuses(answer.checks), allPassed);
    assert.equal(answer.ok, true);
    assert.match(byId(answer.checks, 'qbo-accounts').detail, /income: "Sales of Product Income" \(79\)/);
    assert.equal(byId(answer.checks, 'zuper-default-location').detail, `"W1" (${ck.w1}).`);
  });

  it('QuickBooks categories off, quantity tracking off and a non-US company each fail with a fix', async () => {
    stack.qbo.admin.updateCompany(ck.realmId, {
      itemCategoriesFeature: false,
      trackQuantityOnHand: false,
      country: 'CA',
    });
    const answer = await checks();
    assert.deepEqual(statuses(answer.checks), {
      ...allPassed,
      'qbo-categories': 'failed',
      'qbo-quantity-tracking': 'failed',
      'qbo-inventory-adjustment': 'failed',
    });
    assert.equal(answer.ok, false);
    assert.match(byId(answer.checks, 'qbo-quantity-tracking').detail, /"Track inventory quantity on hand" is off/);
    assert.match(
      byId(answer.checks, 'qbo-inventory-adjustment').fix ?? '',
      new RegExp(`qzsync configure ${ck.id} --qbo-quantity-write qty-on-hand`),
    );
    assert.equal((await configure({ qboQuantityWrite: 'qty-on-hand' })).status, 200);
    assert.equal(statuses((await checks()).checks)['qbo-inventory-adjustment'], 'passed');
    stack.qbo.admin.updateCompany(ck.realmId, {
      itemCategoriesFeature: true,
      trackQuantityOnHand: true,
      country: 'US',
    });
    await configure({ qboQuantityWrite: 'inventory-adjustment' });
    assert.deepEqual(statuses((await checks()).checks), allPassed);
  });

  it('Zuper negative stock off and consumption on jobs fail; an unreadable settings route is unknown', async () => {
    stack.zuper.admin.updateCompanySettings(ck.id, { allow_negative_stock: false, consumption_module: 'JOB' });
    const failing = await checks();
    assert.deepEqual(statuses(failing.checks), {
      ...allPassed,
      'zuper-negative-stock': 'failed',
      'zuper-invoice-consumption': 'failed',
    });
    assert.match(
      byId(failing.checks, 'zuper-invoice-consumption').fix ?? '',
      /"Choose module to track Part Consumption" to Invoice/,
    );

    stack.zuper.admin.updateSettings({ routes: { orgSettingsPath: null } });
    const unknown = await checks();
    assert.deepEqual(statuses(unknown.checks), {
      ...allPassed,
      'zuper-negative-stock': 'unknown',
      'zuper-invoice-consumption': 'unknown',
    });
    assert.equal(unknown.ok, true, 'unknown is not a failure');
    assert.match(
      byId(unknown.checks, 'zuper-negative-stock').fix ?? '',
      /Parts & Services Settings and confirm "Allow negative stock balance\?" is Yes/,
    );
    stack.zuper.admin.updateSettings({ routes: { orgSettingsPath: '/settings/inventory' } });
    stack.zuper.admin.updateCompanySettings(ck.id, { allow_negative_stock: true, consumption_module: 'INVOICE' });
  });

  it('a missing account and an unknown default location fail, naming the choices', async () => {
    assert.equal(
      (await configure({ defaultLocationUid: 'nowhere', accounts: { adjustmentAccountId: '999' } })).status,
      200,
    );
    const answer = await checks();
    assert.deepEqual(statuses(answer.checks), {
      ...allPassed,
      'qbo-accounts': 'failed',
      'zuper-default-location': 'failed',
    });
    assert.match(
      byId(answer.checks, 'qbo-accounts').detail,
      /the inventory adjustment account 999 configured for this connection does not exist/,
    );
    assert.match(
      byId(answer.checks, 'zuper-default-location').fix ?? '',
      new RegExp(`"W1" \\(${ck.w1}\\), "W2" \\(${ck.w2}\\)`),
    );
    stack.zuper.admin.updateSettings({ routes: { locationListPath: null } });
    assert.equal(statuses((await checks()).checks)['zuper-default-location'], 'unknown');
    stack.zuper.admin.updateSettings({ routes: { locationListPath: '/products/location' } });
    await configure({ defaultLocationUid: ck.w1, accounts: { adjustmentAccountId: '86' } });
    assert.deepEqual(statuses((await checks()).checks), allPassed);
  });

  it('a refused Zuper key fails Zuper and skips what needs it; QuickBooks is still checked', async () => {
    const { webhookSecret } = await storedCredentials(stack.ctx.store).loadZuper(ck.id);
    await storedCredentials(stack.ctx.store).saveZuper(
      ck.id,
      ck.id,
      `${stack.zuper.baseUrl}/api`,
      'revoked-key-123',
      webhookSecret,
    );
    stack.ctx.clients.forget(ck.id);
    const answer = await checks();
    assert.deepEqual(statuses(answer.checks), {
      ...allPassed,
      'zuper-authorised': 'failed',
      'zuper-default-location': 'unknown',
      'zuper-negative-stock': 'unknown',
      'zuper-invoice-consumption': 'unknown',
      'zuper-webhooks': 'unknown',
    });
    assert.match(byId(answer.checks, 'zuper-authorised').detail, /Zuper rejected the API key/);
    assert.match(byId(answer.checks, 'zuper-negative-stock').detail, /needs a working Zuper connection/);
    await storedCredentials(stack.ctx.store).saveZuper(
      ck.id,
      ck.id,
      `${stack.zuper.baseUrl}/api`,
      ck.zuper.api_key,
      webhookSecret,
    );
    stack.ctx.clients.forget(ck.id);
  });

  it('webhooks an earlier version registered under keys Zuper never sends fail the check; connecting again repairs them', async () => {
    const zuper = createZuperClient({ apiBaseUrl: `${stack.zuper.baseUrl}/api`, apiKey: ck.zuper.api_key });
    const url = (await zuper.listWebhooks())[0]?.url ?? '';
    // The upgrade path: the registrations of the version that guessed the keys.
    for (const w of await zuper.listWebhooks()) await zuper.deleteWebhook(w.uid);
    const guessed = [
      ['PRODUCTS', 'product.new'],
      ['PRODUCTS', 'product.update'],
      ['PRODUCTS', 'product.delete'],
      ['PRODUCTS', 'product.stock_update'],
      ['INVOICE', 'invoice.new'],
      ['INVOICE', 'invoice.update'],
      ['INVOICE', 'invoice.delete'],
      ['INVOICE', 'invoice.status_update'],
      ['INVOICE', 'invoice.recover'],
    ] as const;
    for (const [module, event] of guessed) {
      await zuper.createWebhook({ name: zuperWebhookName(ck.id, event), event, module, url });
    }
    const failing = await checks();
    assert.deepEqual(statuses(failing.checks), { ...allPassed, 'zuper-webhooks': 'failed' });
    const detail = byId(failing.checks, 'zuper-webhooks').detail;
    assert.match(detail, /keys Zuper never sends: invoice.recover, product.stock_update;/);
    assert.match(detail, /not registered \(or inactive\): product.update_stock, product.transcation_inward, /);
    assert.match(byId(failing.checks, 'zuper-webhooks').fix ?? '', new RegExp(`qzsync connect zuper ${ck.id}`));

    const again = await stack.api('POST', `/api/connections/${ck.id}/zuper`, {
      company: ck.id,
      apiKey: ck.zuper.api_key,
    });
    assert.equal(again.status, 200);
    assert.deepEqual(statuses((await checks()).checks), allPassed);
    const events = (await zuper.listWebhooks()).map((w) => w.event).sort();
    assert.deepEqual(events, zuperSubscriptions.map((s) => s.event).sort(), 'each key once, none of the old ones');
  });

  it('refused QuickBooks tokens fail QuickBooks and skip what needs it; Zuper is still checked', async () => {
    const future = new Date(Date.now() + 3_600_000);
    await storedCredentials(stack.ctx.store).saveQbo(ck.id, ck.realmId, {
      accessToken: 'not-a-token',
      refreshToken: 'not-a-refresh-token',
      accessTokenExpiresAt: future,
      refreshTokenExpiresAt: future,
    });
    stack.ctx.clients.forget(ck.id);
    const answer = await checks();
    assert.deepEqual(statuses(answer.checks), {
      ...allPassed,
      'qbo-authorised': 'failed',
      'qbo-categories': 'unknown',
      'qbo-quantity-tracking': 'unknown',
      'qbo-accounts': 'unknown',
      'qbo-inventory-adjustment': 'unknown',
    });
    assert.match(byId(answer.checks, 'qbo-authorised').fix ?? '', /Reconnect QuickBooks/);
    await stack.connectQbo(ck.id, ck.realmId);
    assert.deepEqual(statuses((await checks()).checks), allPassed);
  });

  it('a new connection fails settings and both authorisations, with the commands that fix them', async () => {
    await stack.api('POST', '/api/connections', { id: 'fresh' });
    const answer = await checks('fresh');
    assert.deepEqual(statuses(answer.checks), {
      settings: 'failed',
      'qbo-authorised': 'failed',
      'qbo-categories': 'unknown',
      'qbo-quantity-tracking': 'unknown',
      'qbo-accounts': 'unknown',
      'qbo-inventory-adjustment': 'unknown',
      'zuper-authorised': 'failed',
      'zuper-default-location': 'unknown',
      'zuper-negative-stock': 'unknown',
      'zuper-invoice-consumption': 'unknown',
      'zuper-webhooks': 'unknown',
    });
    assert.match(byId(answer.checks, 'settings').fix ?? '', /qzsync configure fresh --master/);
    assert.match(byId(answer.checks, 'qbo-authorised').fix ?? '', /qzsync connect qbo fresh/);
    assert.match(byId(answer.checks, 'zuper-authorised').fix ?? '', /qzsync connect zuper fresh --company/);
  });

  it('a paused connection names its cause first, and the check passes again once it is resumed', async () => {
    const before = statuses((await checks()).checks);
    const reason = 'it was made against the bundled emulators, which this start does not run';
    await stack.ctx.store.connections.setStatus(ck.id, 'needs_reconnect', reason);
    const paused = await checks();
    assert.equal(paused.ok, false);
    assert.equal(paused.checks[0]?.id, 'connection-active');
    assert.equal(paused.checks[0]?.status, 'failed');
    assert.match(paused.checks[0]?.detail ?? '', /bundled emulators, which this start does not run/);
    assert.match(paused.checks[0]?.fix ?? '', new RegExp(`qzsync check ${ck.id}`));
    await stack.ctx.store.connections.setStatus(ck.id, 'active', null);
    const resumed = await checks();
    assert.deepEqual(statuses(resumed.checks), before);
    assert.equal(before['connection-active'], undefined);
  });
});
