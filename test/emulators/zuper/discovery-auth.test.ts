/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, createProduct, type Harness, startHarness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('discovery returns the documented envelope pointing dc_api_url at the emulator (company name case-insensitive)', async () => {
  const res = await call(h.emu.baseUrl, 'POST', '/api/config', { company_name: 'ACME' });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    type: 'success',
    config: {
      dc_name: 'emulator-1a',
      dc_provider: 'LOCAL',
      dc_country: 'EMULATOR',
      dc_api_url: h.emu.baseUrl,
      dc_socket_url: h.emu.baseUrl,
    },
  });
  const product = await call(`${res.body.config.dc_api_url}/api`, 'GET', '/product', undefined, {
    'x-api-key': h.company.api_key,
  });
  assert.equal(product.status, 200);
});

test('discovery of an unknown company answers the configurable error', async () => {
  const res = await call(h.emu.baseUrl, 'POST', '/api/config', { company_name: 'nobody' });
  assert.equal(res.status, 400);
  assert.deepEqual(res.body, { type: 'error', title: 'Invalid Company', message: 'Company not found' });
  h.emu.admin.updateSettings({ discovery: { unknownCompanyStatus: 404, unknownCompanyBody: { type: 'error' } } });
  try {
    const custom = await call(h.emu.baseUrl, 'POST', '/api/config', { company_name: 'nobody' });
    assert.equal(custom.status, 404);
    assert.deepEqual(custom.body, { type: 'error' });
  } finally {
    h.emu.admin.updateSettings({
      discovery: {
        unknownCompanyStatus: 400,
        unknownCompanyBody: { type: 'error', title: 'Invalid Company', message: 'Company not found' },
      },
    });
  }
});

test('a missing or unknown x-api-key gets 401 with the error envelope', async () => {
  const missing = await call(h.emu.baseUrl, 'GET', '/api/product');
  assert.equal(missing.status, 401);
  assert.deepEqual(missing.body, { type: 'error', title: 'Unauthorized', message: 'Invalid API Key' });
  const unknown = await call(h.emu.baseUrl, 'GET', '/api/product', undefined, { 'x-api-key': 'wrong' });
  assert.equal(unknown.status, 401);
  const bearer = await call(h.emu.baseUrl, 'GET', '/api/product', undefined, {
    'x-api-key': `Bearer ${h.company.api_key}`,
  });
  assert.equal(bearer.status, 401);
});

test('the 401 body is configurable', async () => {
  h.emu.admin.updateSettings({ auth: { unauthorizedBody: { type: '', message: '' } } });
  try {
    const res = await call(h.emu.baseUrl, 'GET', '/api/product');
    assert.deepEqual(res.body, { type: '', message: '' });
  } finally {
    h.emu.admin.updateSettings({
      auth: { unauthorizedBody: { type: 'error', title: 'Unauthorized', message: 'Invalid API Key' } },
    });
  }
});

test('a read-only key may GET but every other method is refused (403 by default, 401 when configured)', async () => {
  const ro = h.company.read_only_api_key;
  assert.equal((await h.api('GET', '/api/product', undefined, ro)).status, 200);
  const write = await h.api(
    'POST',
    '/api/product',
    { product: { product_name: 'x', product_category: h.category } },
    ro,
  );
  assert.equal(write.status, 403);
  assert.deepEqual(write.body, { type: 'error', title: 'Forbidden', message: 'API Key has read-only access' });
  const filter = await h.api('POST', '/api/product/filter', { page: 1, limit: 10 }, ro);
  assert.equal(filter.status, 403);
  h.emu.admin.updateSettings({ auth: { readOnlyStatus: 401 } });
  try {
    assert.equal((await h.api('DELETE', '/api/product/anything', undefined, ro)).status, 401);
  } finally {
    h.emu.admin.updateSettings({ auth: { readOnlyStatus: 403 } });
  }
  const list = await h.api('GET', '/api/product?count=100');
  assert.equal(list.body.total_records, 0, 'the refused write created nothing');
});

test('each company sees only its own records', async () => {
  const other = h.emu.admin.createCompany({
    company_name: 'globex',
    api_key: 'globex-full-key',
    read_only_api_key: 'globex-read-key',
    locations: [{ location_name: 'Main' }],
    categories: [{ category_name: 'Misc' }],
  });
  const uid = await createProduct(h, { product_name: 'Acme only' });
  const fromOther = await h.api('GET', `/api/product/${uid}`, undefined, other.api_key);
  assert.equal(fromOther.status, 404);
  assert.deepEqual(fromOther.body, { type: 'error', title: 'Invalid Product UID', message: 'Invalid Product UID' });
  const otherList = await h.api('GET', '/api/product', undefined, other.api_key);
  assert.equal(otherList.body.total_records, 0);
  const crossCategory = await h.api(
    'POST',
    '/api/product',
    { product: { product_name: 'x', product_category: h.category } },
    other.api_key,
  );
  assert.equal(crossCategory.status, 400);
});
