/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AdminError } from '../../../emulators/zuper/index.js';
import { call, type Harness, startHarness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const admin = (method: string, path: string, body?: unknown) => call(h.emu.baseUrl, method, `/__admin${path}`, body);

test('admin HTTP: create a company with keys and settings, then use it through the API', async () => {
  const created = await admin('POST', '/companies', {
    company_name: 'Initech',
    settings: { allow_negative_stock: false, rate_limit_per_minute: 200 },
    locations: [{ location_name: 'Basement', location_uid: 'loc-basement' }],
    categories: [{ category_name: 'Staplers' }],
  });
  assert.equal(created.status, 200);
  assert.match(created.body.api_key, /^zk_[0-9a-f]{32}$/);
  assert.match(created.body.read_only_api_key, /^zk_ro_[0-9a-f]{32}$/);
  assert.deepEqual(created.body.location_uids, ['loc-basement']);
  assert.equal(created.body.settings.allow_negative_stock, false);
  assert.equal(created.body.settings.consumption_module, 'INVOICE', 'unspecified settings come from companyDefaults');
  const res = await call(h.emu.baseUrl, 'GET', '/api/products/location', undefined, {
    'x-api-key': created.body.api_key,
  });
  assert.deepEqual([res.body.total_records, res.headers.get('x-rate-limit')], [1, '200']);
  assert.equal((await admin('POST', '/companies', { company_name: 'initech' })).status, 400, 'names are unique');
  assert.equal((await admin('GET', '/companies')).body.length, 2);
});

test('admin settings: deep-merge patches, zod-validated (400 on bad input, nothing changed)', async () => {
  const patched = await admin('PATCH', '/settings', { consumption: { deleteRestores: false } });
  assert.equal(patched.status, 200);
  assert.deepEqual([patched.body.consumption.deleteRestores, patched.body.consumption.cancelRestores], [false, true]);
  for (const bad of [{ consumption: { deleteRestores: 'no' } }, { notASetting: 1 }, { faults: { errorRate: 2 } }]) {
    const res = await admin('PATCH', '/settings', bad);
    assert.equal(res.status, 400);
    assert.equal(typeof res.body.error, 'string');
  }
  assert.equal((await admin('GET', '/settings')).body.consumption.deleteRestores, false);
  assert.throws(() => h.emu.admin.updateSettings({ routes: { locationListPath: 'no-slash' } }), AdminError);

  const company = await admin('PATCH', '/companies/acme/settings', { consumption_module: 'NONE' });
  assert.equal(company.body.consumption_module, 'NONE');
  assert.equal((await admin('PATCH', '/companies/acme/settings', { consumption_module: 'LATER' })).status, 400);
  assert.equal((await admin('GET', '/companies/nobody/settings')).status, 404);
  await admin('PATCH', '/companies/acme/settings', { consumption_module: 'INVOICE' });
});

test('admin seeding: locations, categories, products (validated like the API, no webhooks)', async () => {
  const locations = await admin('POST', '/companies/acme/locations', {
    locations: [{ location_name: 'Truck 7', location_type: 'VAN' }],
  });
  assert.deepEqual([locations.status, locations.body[0].location_type], [200, 'VAN']);
  const categories = await admin('POST', '/companies/acme/categories', { categories: [{ category_name: 'Seeded' }] });
  const categoryUid = categories.body[0].category_uid as string;
  const products = await admin('POST', '/companies/acme/products', {
    products: [
      {
        product_name: 'Seeded part',
        product_category: categoryUid,
        location_availability: [{ location: locations.body[0].location_uid, quantity: 3 }],
      },
    ],
  });
  const [uid] = products.body.product_uids as string[];
  const viaAdmin = await admin('GET', `/companies/acme/products/${uid}`);
  assert.deepEqual([viaAdmin.body.quantity, viaAdmin.body.product_category.category_name], [3, 'Seeded']);
  assert.equal(
    (await admin('POST', '/companies/acme/products', { products: [{ product_name: 'no category' }] })).status,
    400,
  );
  assert.equal((await admin('GET', '/companies/acme/products/nope')).status, 404);
});

test('admin request log, counters, webhook idle, clock and reset', async () => {
  await h.api('GET', '/api/product?count=3');
  const log = await admin('GET', '/requests?pathIncludes=/api/product&method=GET');
  const last = log.body.at(-1);
  assert.deepEqual([last.path, last.query, last.status], ['/api/product', { count: '3' }, 200]);
  const counters = await admin('GET', '/counters');
  assert.deepEqual(Object.keys(counters.body), ['faults', 'webhooks']);
  assert.equal(counters.body.webhooks.pending, 0);
  assert.deepEqual((await admin('POST', '/webhooks/idle')).body, { idle: true });
  assert.deepEqual((await admin('GET', '/webhooks/deliveries')).body, []);
  assert.equal((await admin('POST', '/clock/advance', { ms: -1 })).status, 400);
  assert.equal((await admin('POST', '/clock/advance', { ms: 1000 })).status, 200);

  assert.deepEqual((await admin('POST', '/reset')).body, { ok: true });
  assert.deepEqual((await admin('GET', '/requests')).body, []);
  assert.deepEqual((await admin('GET', '/companies')).body, []);
  assert.equal((await h.api('GET', '/api/product')).status, 401, 'keys are gone');
  assert.equal((await admin('GET', '/settings')).body.consumption.deleteRestores, true, 'settings restored');
});

test('a generated 10,000-product catalog pages and filters correctly', async () => {
  const company = h.emu.admin.createCompany({
    company_name: 'bigco',
    api_key: 'bigco-full-key',
    read_only_api_key: 'bigco-read-key',
    locations: [{ location_name: 'A' }, { location_name: 'B' }],
  });
  const res = await admin('POST', '/companies/bigco/products/generate', {
    count: 10_000,
    location_uids: company.location_uids,
    quantity_per_location: 2.5,
  });
  assert.equal(res.body.product_uids.length, 10_000);
  const api = (path: string, body?: unknown) =>
    call(h.emu.baseUrl, body === undefined ? 'GET' : 'POST', path, body, { 'x-api-key': company.api_key });
  const page = await api('/api/product?count=100&page=100&sort=ASC');
  assert.deepEqual([page.body.total_records, page.body.total_pages, page.body.data.length], [10_000, 100, 100]);
  assert.equal(page.body.data[99].product_id, 'SKU-010000');
  assert.equal(page.body.data[0].quantity, 5);
  const bySku = await api('/api/product?filter.product_id=SKU-004242');
  assert.deepEqual([bySku.body.total_records, bySku.body.data[0].product_name], [1, 'Part 4242']);
  const filtered = await api('/api/product/filter', {
    limit: 1000,
    page: 3,
    sort: 'DESC',
    sort_by: 'product_name',
    filter_rules: [{ key: 'product_name', operator: 'CONTAINS', value: 'part 1', type: 'default_field' }],
  });
  assert.deepEqual([filtered.body.total_records, filtered.body.total_pages, filtered.body.data.length], [1112, 2, 0]);
  await Promise.all(Array.from({ length: 50 }, () => api('/api/product?count=100&filter.keyword=part 99')));
  const kw = await api('/api/product?count=100&filter.keyword=part 99');
  assert.equal(kw.body.total_records, 111);
});
