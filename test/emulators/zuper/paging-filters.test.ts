/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createProduct, type Harness, startHarness } from './harness.js';

let h: Harness;
const uids: string[] = [];
before(async () => {
  h = await startHarness();
  for (let i = 1; i <= 25; i++) {
    uids.push(
      await createProduct(h, {
        product_name: `Item ${String(i).padStart(2, '0')}`,
        product_id: `SKU-${i}`,
        product_type: i % 5 === 0 ? 'SERVICE' : 'PARTS',
        is_available: i !== 3,
        location_availability: i <= 20 ? [{ location: i % 2 ? h.w1 : h.w2, quantity: i, min_quantity: 5 }] : [],
        min_quantity: 5,
        meta_data: [{ label: 'QB Product ID', value: `qb-${i}`, type: 'SINGLE_LINE' }],
      }),
    );
  }
});
after(() => h.close());

test('lists honour page and count (default 10) and report totals', async () => {
  const first = await h.api('GET', '/api/product');
  assert.equal(first.body.type, 'success');
  assert.equal(first.body.data.length, 10);
  assert.deepEqual([first.body.total_records, first.body.current_page, first.body.total_pages], [25, 1, 3]);
  const last = await h.api('GET', '/api/product?page=3&count=10');
  assert.equal(last.body.data.length, 5);
  assert.deepEqual([last.body.total_records, last.body.current_page, last.body.total_pages], [25, 3, 3]);
  const beyond = await h.api('GET', '/api/product?page=9&count=10');
  assert.deepEqual(beyond.body.data, []);
  const all = await h.api('GET', '/api/product?count=100&sort=ASC');
  assert.deepEqual(
    all.body.data.map((p: { product_uid: string }) => p.product_uid),
    uids,
    'ASC by created_at is creation order',
  );
  assert.equal(all.body.data[0].id, all.body.data[0]._id, 'list items carry id');
  const desc = await h.api('GET', '/api/product?count=1');
  assert.equal(desc.body.data[0].product_uid, uids[24], 'default order is newest first');
});

test('invalid paging values and an over-limit count follow the paging settings', async () => {
  const bad = await h.api('GET', '/api/product?page=0');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body, { type: 'error', title: 'Invalid page value', message: 'Invalid page value' });
  h.emu.admin.updateSettings({ paging: { maxCount: 4, overMaxCount: 'clamp' } });
  try {
    const clamped = await h.api('GET', '/api/product?count=50');
    assert.deepEqual([clamped.body.data.length, clamped.body.total_pages], [4, 7]);
    h.emu.admin.updateSettings({ paging: { overMaxCount: 'reject' } });
    assert.equal((await h.api('GET', '/api/product?count=50')).status, 400);
  } finally {
    h.emu.admin.updateSettings({ paging: { maxCount: null, overMaxCount: 'clamp' } });
  }
});

test('GET /product filters', async () => {
  const total = async (query: string) => (await h.api('GET', `/api/product?count=100&${query}`)).body.total_records;
  assert.equal(await total('filter.keyword=item%2001'), 1);
  assert.equal(await total('filter.keyword=sku-1'), 11, 'keyword also searches product_id');
  assert.equal(await total('filter.product_id=SKU-7'), 1);
  assert.equal(await total('filter.product_type=SERVICE'), 5);
  assert.equal(await total(`filter.category_uid=${h.category}`), 25);
  assert.equal(await total(`filter.product_category=${h.category}`), 25);
  assert.equal(await total(`filter.location_uid=${h.w1}`), 10);
  assert.equal(await total('filter.is_available=false'), 1);
  assert.equal(await total(`filter.product_uid=${uids[4]}`), 1);
  assert.equal(await total('filter.low_stock=out_of_stock'), 5);
  assert.equal(await total('filter.low_stock=true'), 5);
  assert.equal(await total('filter.low_stock=false'), 15);
  assert.equal(await total('filter.updated_at_from=2999-01-01T00:00:00Z'), 0);
  assert.equal(await total('filter.updated_at_from=2000-01-01T00:00:00Z'), 25);
  assert.equal(await total('filter.from_date=2000-01-01&filter.to_date=2999-01-01'), 25);
});

test('filter.custom_field: matches meta_data; other JSON matches nothing; non-JSON is a 500', async () => {
  const cf = (value: string) => h.api('GET', `/api/product?filter.custom_field=${encodeURIComponent(value)}`);
  assert.equal((await cf('{"label":"QB Product ID","value":"qb-4"}')).body.total_records, 1);
  assert.equal((await cf('{"label":"QB Product ID","value":"^qb-2\\\\d$","is_regex":true}')).body.total_records, 6);
  const other = await cf('{"foo":"bar"}');
  assert.deepEqual([other.status, other.body.total_records], [200, 0]);
  const broken = await cf('not json');
  assert.equal(broken.status, 500);
  assert.deepEqual(broken.body, {
    type: 'error',
    title: 'Error Fetching Products',
    message: 'Error Fetching Products',
  });
});

test('POST /product/filter: limit capped at 1000, sort_by validated, rule keys applied', async () => {
  const filter = (body: Record<string, unknown>) => h.api('POST', '/api/product/filter', body);
  const over = await filter({ page: 1, limit: 1001 });
  assert.equal(over.status, 400);
  assert.equal(over.body.type, 'error');
  assert.equal((await filter({ page: 1, limit: 1000 })).body.data.length, 25);
  const badSort = await filter({ sort_by: 'price' });
  assert.equal(badSort.status, 400);
  assert.deepEqual(badSort.body, { type: 'error', title: 'Invalid Sort By Value', message: 'Invalid Sort By Value' });

  const rule = (key: string, operator: string, value: unknown, type = 'default_field') => ({
    key,
    operator,
    value,
    type,
    module: 'PRODUCT',
  });
  const count = async (rules: unknown[], op = 'AND') =>
    (await filter({ limit: 1000, filter_rules: rules, filter_rule_operator: op })).body.total_records;
  assert.equal(await count([rule('product_id', 'EQUAL_TO', 'SKU-12')]), 1);
  assert.equal(await count([rule('product_name', 'CONTAINS', 'item 1')]), 10);
  assert.equal(await count([rule('product_type', 'EQUAL_TO', ['SERVICE', 'BUNDLE'])]), 5);
  assert.equal(await count([rule('product_category_uid', 'EQUAL_TO', [h.category], 'nested_field')]), 25);
  assert.equal(await count([rule('is_available', 'EQUAL_TO', 'false')]), 1);
  assert.equal(await count([rule('low_stock', 'EQUAL_TO', 'out_of_stock')]), 5);
  assert.equal(await count([rule('product_no', 'BETWEEN', [3, 6])]), 4);
  assert.equal(await count([rule('product_no', 'GREATER_THAN', 20), rule('product_type', 'EQUAL_TO', 'SERVICE')]), 1);
  assert.equal(await count([rule('product_no', 'LESS_THAN', 3), rule('product_no', 'GREATER_THAN', 23)], 'OR'), 4);
  assert.equal(await count([rule('keyword', 'CONTAINS', 'sku-2')]), 7);
  assert.equal(await count([rule('QB Product ID', 'EQUAL_TO', 'qb-9', 'custom_field')]), 1);
  const wrongType = await filter({ filter_rules: [rule('product_category_uid', 'EQUAL_TO', h.category)] });
  assert.equal(wrongType.status, 400, 'a type that does not match the meta filter is rejected');
  assert.equal((await filter({ filter_rules: [rule('price', 'EQUAL_TO', 1)] })).status, 400);

  const sorted = await filter({ limit: 3, sort: 'DESC', sort_by: 'product_no' });
  assert.deepEqual(
    sorted.body.data.map((p: { product_no: number }) => p.product_no),
    [25, 24, 23],
  );
  const page2 = await filter({ page: 2, limit: 10 });
  assert.deepEqual([page2.body.current_page, page2.body.total_pages, page2.body.data.length], [2, 3, 10]);
  const sparse = await filter({ limit: 1, fields_to_select: 'product_uid,quantity' });
  assert.deepEqual(Object.keys(sparse.body.data[0]).sort(), ['product_uid', 'quantity']);
});

test('GET /product/meta/filter lists the rule keys', async () => {
  const res = await h.api('GET', '/api/product/meta/filter');
  assert.equal(res.body.type, 'success');
  assert.deepEqual(
    res.body.data.map((f: { fieldDataKey: string }) => f.fieldDataKey),
    [
      'product_no',
      'product_id',
      'product_name',
      'product_category_uid',
      'product_type',
      'is_available',
      'low_stock',
      'created_at',
      'keyword',
      'is_supplier_integrated_product',
    ],
  );
});

test('the /product → 404, /products data-centre quirk is a switch', async () => {
  const plural = await h.api('GET', '/api/products');
  assert.equal(plural.status, 404);
  assert.match(String(plural.body), /<pre>Cannot GET \/api\/products<\/pre>/);
  h.emu.admin.updateSettings({ routes: { productListPlural: true } });
  try {
    const singular = await h.api('GET', '/api/product');
    assert.equal(singular.status, 404);
    assert.match(String(singular.body), /Cannot GET \/api\/product/);
    const served = await h.api('GET', '/api/products?count=5');
    assert.deepEqual([served.status, served.body.total_records], [200, 25]);
    assert.equal((await h.api('GET', `/api/product/${uids[0]}`)).status, 200, 'single reads are unaffected');
  } finally {
    h.emu.admin.updateSettings({ routes: { productListPlural: false } });
  }
});

test("unknown routes answer Express's HTML page, as Zuper does for /api/products/{uid}", async () => {
  const res = await h.api('GET', `/api/products/${uids[0]}`);
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(String(res.body), new RegExp(`<pre>Cannot GET /api/products/${uids[0]}</pre>`));
});
