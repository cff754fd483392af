/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startQboEmulator, type RunningQboEmulator } from '../../../emulators/qbo/index.js';
import { toResponse } from './harness.js';

let emu: RunningQboEmulator;
before(async () => {
  emu = await startQboEmulator({ timeScale: 1000, settings: { cdc: { maxObjects: 500 } } });
});
after(() => emu.close());

const call = async (method: string, path: string, body?: unknown) =>
  toResponse(
    await fetch(`${emu.baseUrl}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );

test('the HTTP admin API drives the whole setup: app, realm, tokens, API call, request log', async () => {
  const app = await call('POST', '/apps', {
    clientId: 'http-app',
    clientSecret: 'x',
    redirectUris: ['http://localhost/cb'],
  });
  assert.equal(app.status, 200);
  assert.equal(app.json.webhookFormat, 'cloudevents', 'CloudEvents is mandatory since 2026, so it is the default');
  const realm = await call('POST', '/realms', { realmId: '4620816365000001', itemCategoriesFeature: false });
  assert.equal(realm.json.realmId, '4620816365000001');
  assert.equal(realm.json.company.itemCategoriesFeature, false);
  assert.equal((await call('POST', '/realms', { realmId: '4620816365000001' })).status, 409);
  const tokens = await call('POST', '/tokens', { clientId: 'http-app', realmId: '4620816365000001' });
  assert.equal(tokens.json.expires_in, 3600);
  const api = await fetch(`${emu.baseUrl}/v3/company/4620816365000001/item?requestid=abc`, {
    method: 'POST',
    headers: { authorization: `Bearer ${String(tokens.json.access_token)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: 'Logged', Type: 'Service', IncomeAccountRef: { value: '1' } }),
  });
  assert.equal(api.status, 200);
  const log = await call('GET', '/requests?method=POST&pathIncludes=/item');
  assert.equal(log.json.length, 1);
  assert.equal(log.json[0].query.requestid, 'abc');
  assert.deepEqual(log.json[0].body, { Name: 'Logged', Type: 'Service', IncomeAccountRef: { value: '1' } });
  assert.equal(log.json[0].status, 200);
  assert.match(log.json[0].headers.authorization as string, /^Bearer /);
  const entity = await call('GET', '/realms/4620816365000001/entities/item/1');
  assert.equal(entity.json.Name, 'Logged');
  assert.equal((await call('DELETE', '/requests')).status, 200);
  assert.equal((await call('GET', '/requests')).json.length, 0);
});

test('settings are validated: partial groups merge, bad input is a 400 with issues', async () => {
  const initial = await call('GET', '/settings');
  assert.equal(initial.json.cdc.maxObjects, 500);
  assert.equal(initial.json.throttle.requestsPerMinute, 500);
  const patched = await call('PATCH', '/settings', {
    throttle: { requestsPerMinute: 100 },
    faults: { errorRate: 0.1 },
  });
  assert.equal(patched.status, 200);
  assert.equal(patched.json.throttle.requestsPerMinute, 100);
  assert.equal(patched.json.throttle.concurrentLimit, 10);
  assert.equal(patched.json.faults.errorRate, 0.1);
  for (const bad of [
    { faults: { errorRate: 2 } },
    { throttle: { bogus: 1 } },
    { nope: {} },
    { webhooks: { retryScheduleMs: 'soon' } },
  ]) {
    const res = await call('PATCH', '/settings', bad);
    assert.equal(res.status, 400, JSON.stringify(bad));
    assert.ok(Array.isArray(res.json.issues));
  }
  assert.equal((await call('GET', '/settings')).json.faults.errorRate, 0.1);
  await call('PATCH', '/settings', { throttle: { requestsPerMinute: 500 }, faults: { errorRate: 0 } });
});

test('clock, act-as-user, item edit, seed, counters, test webhook errors and reset', async () => {
  const before = Date.parse((await call('GET', '/clock')).json.now as string);
  const advanced = await call('POST', '/clock/advance', { ms: 86_400_000 });
  assert.ok(Date.parse(advanced.json.now as string) - before >= 86_400_000);
  assert.equal((await call('POST', '/clock/advance', { ms: -5 })).status, 400);

  const { json: realm } = await call('POST', '/realms', {});
  const seeded = await call('POST', `/realms/${String(realm.realmId)}/seed-items`, { count: 3, qtyOnHand: 4 });
  assert.deepEqual(seeded.json.ids, ['1', '2', '3']);
  const edited = await call('POST', `/realms/${String(realm.realmId)}/items/2/edit`, {
    changes: { UnitPrice: 50 },
    userName: 'Bob',
  });
  assert.equal(edited.json.SyncToken, '1');
  assert.equal(edited.json.UnitPrice, 50);
  const invoice = await call('POST', `/realms/${String(realm.realmId)}/act`, {
    entity: 'Invoice',
    operation: 'create',
    body: {
      CustomerRef: { value: '1' },
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 10,
          SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 10 },
        },
      ],
    },
  });
  assert.equal(invoice.json.TotalAmt, 10);
  assert.equal((await call('GET', `/realms/${String(realm.realmId)}/entities/Item/1`)).json.QtyOnHand, 3);
  const fault = await call('POST', `/realms/${String(realm.realmId)}/act`, {
    entity: 'Item',
    operation: 'create',
    body: { Name: 'Item 1', Type: 'Service', IncomeAccountRef: { value: '1' } },
  });
  assert.equal(fault.status, 400);
  assert.equal(fault.json.Fault.Error[0].code, '6240');
  assert.equal((await call('POST', '/realms/123/act', { entity: 'Item', operation: 'create', body: {} })).status, 404);

  const counters = await call('GET', '/counters');
  assert.deepEqual(Object.keys(counters.json as object).sort(), ['faults', 'throttled', 'webhooks']);
  assert.equal((await call('POST', '/webhooks/test', { clientId: 'http-app', realmId: realm.realmId })).status, 404);
  assert.deepEqual((await call('POST', '/webhooks/idle')).json, { idle: true });
  assert.ok(Array.isArray((await call('GET', '/webhooks/deliveries')).json));

  assert.deepEqual((await call('POST', '/reset')).json, { reset: true });
  assert.deepEqual((await call('GET', '/realms')).json, []);
  assert.deepEqual((await call('GET', '/apps')).json, []);
  assert.equal((await call('GET', '/settings')).json.cdc.maxObjects, 500);
});
