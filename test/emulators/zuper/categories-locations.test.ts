/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const createCategory = (body: Record<string, unknown>) =>
  h.api('POST', '/api/products/category', { product_category: body });

test('category CRUD answers with the live API messages (the update says "Created")', async () => {
  const created = await createCategory({ category_name: 'Valves', category_description: 'Brass valves' });
  assert.equal(created.status, 200);
  assert.deepEqual(Object.keys(created.body), ['type', 'message', 'data']);
  assert.equal(created.body.message, 'New Product Category Created Successfully');
  const uid = created.body.data.category_uid as string;

  const updated = await h.api('PUT', `/api/products/category/${uid}`, {
    product_category: { category_uid: uid, category_name: 'Valves & Fittings' },
  });
  assert.deepEqual(updated.body, {
    type: 'success',
    message: 'Product Category Created Successfully',
    data: { category_uid: uid },
  });
  const missingUid = await h.api('PUT', `/api/products/category/${uid}`, { product_category: { category_name: 'x' } });
  assert.equal(missingUid.status, 400);

  const listed = await h.api('GET', `/api/products/category?filter.category_uid=${uid}`);
  assert.deepEqual(
    [listed.body.total_records, listed.body.data[0].category_name, listed.body.data[0].parent_category_uid],
    [1, 'Valves & Fittings', null],
  );
  assert.equal((await h.api('GET', '/api/products/category?filter.keyword=brass')).body.total_records, 1);

  const deleted = await h.api('DELETE', `/api/products/category/${uid}`);
  assert.deepEqual(deleted.body, { type: 'success', message: 'Product Category deleted successfully', data: [] });
  assert.equal((await h.api('GET', `/api/products/category?filter.category_uid=${uid}`)).body.total_records, 0);
  assert.equal((await h.api('DELETE', `/api/products/category/${uid}`)).status, 404);
  const onDeleted = await h.api('POST', '/api/product', { product: { product_name: 'x', product_category: uid } });
  assert.equal(onDeleted.status, 400, 'a deleted category cannot be used');
});

test('category names are unique; sort_by is validated; the list defaults to 20 per page', async () => {
  assert.equal((await createCategory({ category_name: 'parts' })).status, 400, 'case-insensitive duplicate of "Parts"');
  for (let i = 0; i < 24; i++) assert.equal((await createCategory({ category_name: `Cat ${i}` })).status, 200);
  const page = await h.api('GET', '/api/products/category');
  assert.deepEqual([page.body.data.length, page.body.total_pages], [20, Math.ceil(page.body.total_records / 20)]);
  assert.equal(page.body.data[0].category_name, 'Cat 23', 'newest first by default');
  const bad = await h.api('GET', '/api/products/category?sort_by=category_name');
  assert.deepEqual(bad.body, { type: 'error', title: 'Invalid Sort By Value', message: 'Invalid Sort By Value' });
});

test('sub-categories: one level, parent field name configurable, deleting a parent deletes its children', async () => {
  const parent = (await createCategory({ category_name: 'Plumbing' })).body.data.category_uid as string;
  const child = await createCategory({ category_name: 'Pipes', parent_category_uid: parent });
  assert.equal(child.status, 200);
  const childUid = child.body.data.category_uid as string;
  assert.equal((await createCategory({ category_name: 'Copper', parent_category_uid: childUid })).status, 400);
  const listed = await h.api('GET', `/api/products/category?filter.category_uid=${childUid}`);
  assert.equal(listed.body.data[0].parent_category_uid, parent);

  h.emu.admin.updateSettings({ categories: { parentField: 'parent_uid' } });
  try {
    const renamed = await createCategory({ category_name: 'Fittings', parent_uid: parent });
    const row = (await h.api('GET', `/api/products/category?filter.category_uid=${renamed.body.data.category_uid}`))
      .body.data[0];
    assert.deepEqual([row.parent_uid, 'parent_category_uid' in row], [parent, false]);
  } finally {
    h.emu.admin.updateSettings({ categories: { parentField: 'parent_category_uid' } });
  }
  await h.api('DELETE', `/api/products/category/${parent}`);
  assert.equal((await h.api('GET', `/api/products/category?filter.category_uid=${childUid}`)).body.total_records, 0);
});

test('name length limit and the singular /product/category alias are switches', async () => {
  h.emu.admin.updateSettings({ categories: { maxNameLength: 26 } });
  try {
    assert.equal((await createCategory({ category_name: 'x'.repeat(27) })).status, 400);
  } finally {
    h.emu.admin.updateSettings({ categories: { maxNameLength: null } });
  }
  assert.equal((await h.api('GET', '/api/product/category')).status, 404);
  h.emu.admin.updateSettings({ routes: { categorySingularAlias: true } });
  try {
    const res = await h.api('GET', '/api/product/category?filter.keyword=parts');
    assert.deepEqual([res.status, res.body.total_records], [200, 1]);
  } finally {
    h.emu.admin.updateSettings({ routes: { categorySingularAlias: false } });
  }
});

test('locations are listed at a configurable path; deleted ones are hidden and refused on writes', async () => {
  const [gone] = h.emu.admin.seedLocations('acme', [{ location_name: 'Old depot', is_deleted: true }]);
  const list = await h.api('GET', '/api/products/location');
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.data.map((l: { location_name: string; location_type: string }) => [l.location_name, l.location_type]),
    [
      ['W1', 'WAREHOUSE'],
      ['W2', 'VAN'],
    ],
  );
  assert.equal((await h.api('GET', '/api/products/location?filter.is_deleted=true')).body.total_records, 1);
  const onDeleted = await h.api('POST', '/api/product', {
    product: {
      product_name: 'x',
      product_category: h.category,
      location_availability: [{ location: gone?.location_uid, quantity: 1 }],
    },
  });
  assert.equal(onDeleted.status, 400);

  h.emu.admin.updateSettings({ routes: { locationListPath: '/product/location' } });
  try {
    assert.equal((await h.api('GET', '/api/product/location')).body.total_records, 2);
    assert.equal((await h.api('GET', '/api/products/location')).status, 404);
    h.emu.admin.updateSettings({ routes: { locationListPath: null } });
    assert.equal((await h.api('GET', '/api/product/location')).status, 404);
  } finally {
    h.emu.admin.updateSettings({ routes: { locationListPath: '/products/location' } });
  }
});

test('a location is created with the recorded body under product_location and listed; bad input and read-only keys are refused', async () => {
  const body = {
    product_location: {
      location_name: 'Van 12',
      location_type: 'VAN',
      location_description: 'Second crew',
      location_address: { street: '1 Main St', city: 'Austin' },
      location_access: true,
      allowed_users: [],
    },
  };
  const created = await h.api('POST', '/api/products/location', body);
  assert.equal(created.status, 200);
  assert.equal(created.body.type, 'success');
  const uid = created.body.data.location_uid as string;
  const listed = await h.api('GET', '/api/products/location?filter.keyword=van 12');
  assert.deepEqual(
    listed.body.data.map((l: Record<string, unknown>) => [
      l.location_uid,
      l.location_name,
      l.location_type,
      l.is_deleted,
    ]),
    [[uid, 'Van 12', 'VAN', false]],
  );
  // Stock can be put there at once, as at any location.
  const product = await h.api('POST', '/api/product', {
    product: {
      product_name: 'On the new van',
      product_category: h.category,
      location_availability: [{ location: uid, quantity: 4 }],
    },
  });
  assert.equal(product.status, 200);

  const tooLong = await h.api('POST', '/api/products/location', {
    product_location: { location_name: 'A name longer than twenty-six', location_type: 'VAN' },
  });
  assert.equal(tooLong.status, 400);
  const badType = await h.api('POST', '/api/products/location', {
    product_location: { location_name: 'Shed', location_type: 'SHED' },
  });
  assert.equal(badType.status, 400);
  const unwrapped = await h.api('POST', '/api/products/location', { location_name: 'Shed', location_type: 'SITE' });
  assert.equal(unwrapped.status, 400);
  assert.equal((await h.api('POST', '/api/products/location', body, 'acme-read-key')).status, 403);
  assert.equal((await h.api('GET', '/api/products/location?filter.keyword=shed')).body.total_records, 0);
});

test('inventory org settings are readable, unless the switch makes the path 404', async () => {
  h.emu.admin.updateCompanySettings('acme', {
    allow_negative_stock: false,
    consumption_module: 'JOB',
    consumption_job_status: 'COMPLETED',
  });
  const res = await h.api('GET', '/api/settings/inventory');
  assert.deepEqual(res.body, {
    type: 'success',
    data: {
      allow_negative_stock: false,
      consumption_module: 'JOB',
      consumption_job_status: 'COMPLETED',
      purchase_cost_update: 'LATEST',
      part_prefix: 'PT',
    },
  });
  h.emu.admin.updateSettings({ routes: { orgSettingsPath: null } });
  try {
    const hidden = await h.api('GET', '/api/settings/inventory');
    assert.equal(hidden.status, 404);
    assert.match(String(hidden.body), /Cannot GET \/api\/settings\/inventory/);
  } finally {
    h.emu.admin.updateSettings({ routes: { orgSettingsPath: '/settings/inventory' } });
  }
  assert.equal((await h.api('GET', '/api/settings/inventory', undefined, 'bad-key')).status, 401);
});
