/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createProduct, type Harness, startHarness, stockOf } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const move = (uid: string, kind: 'inward' | 'outward' | 'transfer', tx: Record<string, unknown>) =>
  h.api('POST', `/api/product/${uid}/${kind}`, { transaction: { product_uid: uid, ...tx } });

test('inward, outward and transfer move per-location stock; quantity stays the sum', async () => {
  const uid = await createProduct(h, { location_availability: [{ location: h.w1, quantity: 10 }] });
  const inward = await move(uid, 'inward', { location_uid: h.w2, quantity: 2.5, remarks: 'qzsync:mv-1 ✓ "quoted"' });
  assert.equal(inward.status, 200);
  assert.equal(inward.body.message, 'Product Transaction Created Successfully');
  assert.deepEqual(await stockOf(h, uid), { total: 12.5, byLocation: { [h.w1]: 10, [h.w2]: 2.5 } });
  assert.equal((await move(uid, 'outward', { location_uid: h.w1, quantity: 4 })).status, 200);
  assert.deepEqual(await stockOf(h, uid), { total: 8.5, byLocation: { [h.w1]: 6, [h.w2]: 2.5 } });
  assert.equal(
    (await move(uid, 'transfer', { from_location_uid: h.w1, to_location_uid: h.w2, quantity: 1 })).status,
    200,
  );
  assert.deepEqual(await stockOf(h, uid), { total: 8.5, byLocation: { [h.w1]: 5, [h.w2]: 3.5 } });
  await move(uid, 'inward', { location_uid: h.w1, quantity: 0.1 });
  await move(uid, 'inward', { location_uid: h.w1, quantity: 0.2 });
  assert.equal((await stockOf(h, uid)).byLocation[h.w1], 5 + 0.1 + 0.2, 'fractions kept as floats');

  const list = await h.api('GET', `/api/product/transaction?product_uid=${uid}&sort=ASC&count=3`);
  assert.deepEqual([list.body.total_records, list.body.total_pages, list.body.data.length], [5, 2, 3]);
  const [first, second, third] = list.body.data;
  assert.deepEqual(first.product, { product_name: 'Widget', product_uid: uid });
  assert.deepEqual([first.type, first.quantity, first.remarks], ['INWARD', 2.5, 'qzsync:mv-1 ✓ "quoted"']);
  assert.deepEqual(first.to_location, { location_name: 'W2', location_uid: h.w2 });
  assert.equal(first.from_location, undefined);
  assert.deepEqual([second.type, second.from_location.location_uid, second.to_location], ['OUTWARD', h.w1, undefined]);
  assert.deepEqual(
    [third.type, third.from_location.location_uid, third.to_location.location_uid],
    ['TRANSFER', h.w1, h.w2],
  );
  assert.equal(first.id, 'undefined');
  const one = await h.api('GET', `/api/product/transaction/${inward.body.data.transaction_uid}`);
  assert.deepEqual(
    [one.body.type, one.body.data.transaction_uid, one.body.data.remarks],
    ['success', inward.body.data.transaction_uid, 'qzsync:mv-1 ✓ "quoted"'],
  );
  assert.equal((await h.api('GET', '/api/product/transaction/nope')).status, 404);
  assert.equal((await h.api('GET', `/api/product/transaction?product_uid=${uid}&type=OUTWARD`)).body.total_records, 1);
  assert.equal(
    (await h.api('GET', `/api/product/transaction?location_uid=${h.w2}&product_uid=${uid}`)).body.total_records,
    2,
  );
  assert.equal((await h.api('GET', `/api/product/transaction?sort_by=remarks`)).status, 400);
});

test('transactions validate their body and locations', async () => {
  const uid = await createProduct(h, { location_availability: [{ location: h.w1, quantity: 1 }] });
  const before = await stockOf(h, uid);
  assert.equal((await move(uid, 'inward', { location_uid: 'nowhere', quantity: 1 })).status, 400);
  assert.equal((await move(uid, 'inward', { location_uid: h.w1 })).status, 400, 'quantity required');
  assert.equal((await move(uid, 'inward', { location_uid: h.w1, quantity: -1 })).status, 400);
  assert.equal(
    (await move(uid, 'transfer', { from_location_uid: h.w1, to_location_uid: h.w1, quantity: 1 })).status,
    400,
  );
  const mismatch = await h.api('POST', `/api/product/${uid}/inward`, {
    transaction: { product_uid: 'other', location_uid: h.w1, quantity: 1 },
  });
  assert.equal(mismatch.status, 400);
  assert.equal((await move('no-such-product', 'inward', { location_uid: h.w1, quantity: 1 })).status, 404);
  assert.deepEqual(await stockOf(h, uid), before);
});

test('SERVICE and track_quantity:false items never move stock (400, or ignored by switch)', async () => {
  const untracked = await createProduct(h, {
    product_type: 'PARTS',
    track_quantity: false,
    location_availability: [{ location: h.w1, quantity: 3 }],
  });
  const service = await createProduct(h, { product_type: 'SERVICE' });
  assert.equal((await move(untracked, 'outward', { location_uid: h.w1, quantity: 1 })).status, 400);
  assert.equal((await move(service, 'inward', { location_uid: h.w1, quantity: 1 })).status, 400);
  h.emu.admin.updateSettings({ products: { untrackedTransaction: 'ignore' } });
  try {
    assert.equal((await move(untracked, 'outward', { location_uid: h.w1, quantity: 1 })).status, 200);
    assert.deepEqual(await stockOf(h, untracked), { total: 3, byLocation: { [h.w1]: 3 } });
  } finally {
    h.emu.admin.updateSettings({ products: { untrackedTransaction: 'reject' } });
  }
});

test('with negative stock off, anything taking a location below 0 is refused with one configurable message', async () => {
  h.emu.admin.updateCompanySettings('acme', { allow_negative_stock: false });
  try {
    const uid = await createProduct(h, { location_availability: [{ location: h.w1, quantity: 2 }] });
    const refusal = {
      type: 'error',
      title: 'Insufficient quantity in the selected location',
      message: 'Insufficient quantity in the selected location',
    };
    const out = await move(uid, 'outward', { location_uid: h.w1, quantity: 3 });
    assert.deepEqual([out.status, out.body], [400, refusal]);
    const transfer = await move(uid, 'transfer', { from_location_uid: h.w1, to_location_uid: h.w2, quantity: 2.5 });
    assert.deepEqual([transfer.status, transfer.body], [400, refusal]);
    const put = await h.api('PUT', `/api/product/${uid}`, {
      product: { location_availability: [{ location: h.w1, quantity: -1 }] },
    });
    assert.deepEqual([put.status, put.body], [400, refusal]);
    const created = await h.api('POST', '/api/product', {
      product: {
        product_name: 'neg',
        product_category: h.category,
        location_availability: [{ location: h.w1, quantity: -1 }],
      },
    });
    assert.equal(created.status, 400);
    assert.deepEqual(await stockOf(h, uid), { total: 2, byLocation: { [h.w1]: 2 } }, 'nothing moved');
    assert.equal((await h.api('GET', `/api/product/transaction?product_uid=${uid}`)).body.total_records, 0);
    assert.equal(
      (await move(uid, 'outward', { location_uid: h.w1, quantity: 2 })).status,
      200,
      'down to exactly 0 is fine',
    );

    h.emu.admin.updateSettings({ stock: { negativeStockMessage: 'Stock not available' } });
    const custom = await move(uid, 'outward', { location_uid: h.w1, quantity: 0.5 });
    assert.deepEqual(custom.body, { type: 'error', title: 'Stock not available', message: 'Stock not available' });
  } finally {
    h.emu.admin.updateSettings({ stock: { negativeStockMessage: 'Insufficient quantity in the selected location' } });
    h.emu.admin.updateCompanySettings('acme', { allow_negative_stock: true });
  }
});

test('with negative stock on, locations go negative; inward onto a negative location is always allowed', async () => {
  const uid = await createProduct(h, { location_availability: [{ location: h.w1, quantity: 1 }] });
  assert.equal((await move(uid, 'outward', { location_uid: h.w1, quantity: 3.5 })).status, 200);
  assert.deepEqual(await stockOf(h, uid), { total: -2.5, byLocation: { [h.w1]: -2.5 } });
  h.emu.admin.updateCompanySettings('acme', { allow_negative_stock: false });
  try {
    assert.equal((await move(uid, 'inward', { location_uid: h.w1, quantity: 1 })).status, 200);
    assert.deepEqual(await stockOf(h, uid), { total: -1.5, byLocation: { [h.w1]: -1.5 } });
  } finally {
    h.emu.admin.updateCompanySettings('acme', { allow_negative_stock: true });
  }
});

test('inward purchase price updates the product cost per the company setting', async () => {
  const uid = await createProduct(h, { purchase_price: 10, location_availability: [{ location: h.w1, quantity: 10 }] });
  await move(uid, 'inward', { location_uid: h.w1, quantity: 5, purchase_price: 4 });
  assert.equal((await h.api('GET', `/api/product/${uid}`)).body.data.purchase_price, 4, 'LATEST by default');
  h.emu.admin.updateCompanySettings('acme', { purchase_cost_update: 'WEIGHTED_AVERAGE' });
  try {
    await move(uid, 'inward', { location_uid: h.w1, quantity: 15, purchase_price: 8 });
    assert.equal((await h.api('GET', `/api/product/${uid}`)).body.data.purchase_price, (4 * 15 + 8 * 15) / 30);
  } finally {
    h.emu.admin.updateCompanySettings('acme', { purchase_cost_update: 'LATEST' });
  }
});
