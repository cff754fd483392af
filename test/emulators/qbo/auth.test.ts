/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('a missing or unknown token gets 401 with the 3200 fault', async () => {
  const res = await h.get('item/1', 'not-a-token');
  assert.equal(res.status, 401);
  assert.equal(res.headers.get('content-type'), 'application/json;charset=UTF-8');
  assert.deepEqual(res.json.Fault, {
    Error: [
      {
        Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
        Detail: 'Token invalid',
        code: '3200',
      },
    ],
    type: 'AUTHENTICATION',
  });
  assert.match(res.json.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[78]:00$/);
  assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="Intuit", error="invalid_token"');
  assert.match(res.headers.get('intuit_tid') ?? '', /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  const none = await fetch(`${h.emu.baseUrl}/v3/company/${h.realmId}/item/1`);
  assert.equal(none.status, 401);
  assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="Intuit", error="invalid_token"');
});

test('the lowercase gateway variant of the 401 is a switch', async () => {
  h.emu.admin.updateSettings({ auth: { gatewayFaultFormat: true } });
  try {
    const res = await h.get('item/1', 'not-a-token');
    assert.equal(res.status, 401);
    assert.equal(res.json.fault.error[0].code, '3200');
    assert.equal(res.json.fault.type, 'AUTHENTICATION');
    assert.equal(typeof res.json.time, 'number');
    assert.equal(res.json.Fault, undefined);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="Intuit", error="invalid_token"');
  } finally {
    h.emu.admin.updateSettings({ auth: { gatewayFaultFormat: false } });
  }
});

test('access tokens expire after an hour of emulator time', async () => {
  const { access_token: token } = h.emu.admin.issueTokens({ clientId: h.clientId, realmId: h.realmId });
  assert.equal((await h.get('companyinfo/1', token)).status, 200);
  h.emu.admin.advanceClock({ ms: 3599_000 });
  assert.equal((await h.get('companyinfo/1', token)).status, 200);
  h.emu.admin.advanceClock({ ms: 1000 });
  const expired = await h.get('companyinfo/1', token);
  assert.equal(expired.status, 401);
  assert.equal(expired.json.Fault.Error[0].Detail, 'Token expired');
  h.token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId: h.realmId }).access_token;
});

test("a token for another company gets 403 and companies don't share data", async () => {
  const item = await h.inventoryItem('Isolated Widget', 5);
  const { realmId: other } = h.emu.admin.createRealm();
  const otherToken = h.emu.admin.issueTokens({ clientId: h.clientId, realmId: other }).access_token;
  const forbidden = await h.get('item/1', otherToken);
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.json.Fault.Error[0].code, '3100');
  const res = await fetch(`${h.emu.baseUrl}/v3/company/${other}/item/${String(item.Id)}`, {
    headers: { authorization: `Bearer ${otherToken}` },
  });
  assert.equal(res.status, 400);
  const body = (await res.json()) as { Fault: { Error: { code: string }[] } };
  assert.equal(body.Fault.Error[0]?.code, '610');
});

test('every response carries a unique intuit_tid, JSON content type and a time field; minorversion is optional', async () => {
  const a = await h.get('companyinfo/1');
  const b = await h.get('companyinfo/1?minorversion=75');
  const c = await h.get('companyinfo/1?minorversion=4');
  for (const r of [a, b, c]) {
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.match(r.json.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[-+]\d\d:\d\d$/);
  }
  assert.deepEqual(b.json.CompanyInfo, a.json.CompanyInfo);
  assert.deepEqual(c.json.CompanyInfo, a.json.CompanyInfo);
  const tids = [a, b, c].map((r) => r.headers.get('intuit_tid'));
  assert.equal(new Set(tids).size, 3);
  assert.ok(tids.every((t) => t && /^1-[0-9a-f]{8}-[0-9a-f]{24}$/.test(t)));
});

test('a sandbox company starts with CompanyInfo, Preferences, the inventory accounts, customers and vendors', async () => {
  const prefs = await h.get('preferences');
  assert.equal(prefs.json.Preferences.ProductAndServicesPrefs.QuantityOnHand, true);
  const accounts = await h.query('select * from Account maxresults 1000');
  const byName = new Map(
    (accounts.json.QueryResponse.Account as { Name: string; AccountType: string; Id: string }[]).map((a) => [
      a.Name,
      a,
    ]),
  );
  assert.equal(byName.get('Sales of Product Income')?.AccountType, 'Income');
  assert.equal(byName.get('Cost of Goods Sold')?.AccountType, 'Cost of Goods Sold');
  assert.equal(byName.get('Inventory Asset')?.AccountType, 'Other Current Asset');
  assert.equal(byName.get('Inventory Shrinkage')?.Id, '86');
  assert.ok((await h.query('select count(*) from Customer')).json.QueryResponse.totalCount >= 3);
  assert.ok((await h.query('select count(*) from Vendor')).json.QueryResponse.totalCount >= 3);
  assert.equal((await h.get(`companyinfo/${h.realmId}`)).json.CompanyInfo.Country, 'US');
});
