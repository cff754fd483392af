/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { defaultZuperSettings } from '../../../emulators/zuper/index.js';
import { createProduct, type Harness, startHarness, stockOf } from './harness.js';

let h: Harness;
let part: string;
let service: string;
let untracked: string;

before(async () => {
  h = await startHarness();
});
after(() => h.close());

beforeEach(async () => {
  h.emu.admin.updateSettings({
    consumption: defaultZuperSettings().consumption,
    invoices: { createResponse: 'invoice_uid' },
  });
  h.emu.admin.updateCompanySettings('acme', {
    consumption_module: 'INVOICE',
    allow_negative_stock: true,
    default_location_uid: null,
  });
  part = await createProduct(h, {
    product_type: 'PARTS',
    price: 12,
    location_availability: [
      { location: h.w1, quantity: 10 },
      { location: h.w2, quantity: 5 },
    ],
  });
  service = await createProduct(h, { product_type: 'SERVICE', track_quantity: true });
  untracked = await createProduct(h, {
    product_type: 'PARTS',
    track_quantity: false,
    location_availability: [{ location: h.w1, quantity: 3 }],
  });
});

function lines(qtyW1: number, qtyW2 = 0) {
  return [
    { product_uid: part, location_uid: h.w1, quantity: qtyW1, unit_price: 12 },
    ...(qtyW2 ? [{ product_uid: part, location_uid: h.w2, quantity: qtyW2 }] : []),
    { product_uid: service, location_uid: h.w1, quantity: 2 },
    { product_uid: untracked, location_uid: h.w1, quantity: 1 },
    { name: 'Free text line', quantity: 1, unit_price: 5 },
  ];
}

async function createInvoice(lineItems: unknown[]): Promise<string> {
  const res = await h.api('POST', '/api/invoice', { invoice: { invoice_date: '2026-01-15', line_items: lineItems } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.data.invoice_uid as string;
}

const partStock = async () => (await stockOf(h, part)).byLocation;

test('INVOICE module: create consumes each tracked line at its location; services and untracked items do not move', async () => {
  const uid = await createInvoice(lines(3, 1.5));
  assert.deepEqual(await stockOf(h, part), { total: 10.5, byLocation: { [h.w1]: 7, [h.w2]: 3.5 } });
  assert.deepEqual(await stockOf(h, untracked), { total: 3, byLocation: { [h.w1]: 3 } });
  const invoice = (await h.api('GET', `/api/invoice/${uid}`)).body.data;
  assert.equal(invoice.invoice_status, 'DRAFT');
  assert.deepEqual(
    invoice.line_items.map((l: { product_uid: string | null; quantity: number; total: number }) => [
      l.product_uid,
      l.quantity,
      l.total,
    ]),
    [
      [part, 3, 36],
      [part, 1.5, 18],
      [service, 2, 0],
      [untracked, 1, 0],
      [null, 1, 5],
    ],
  );
});

test('edit applies the difference, or nothing when switched off', async () => {
  const uid = await createInvoice(lines(3));
  await h.api('PUT', `/api/invoice/${uid}`, { invoice: { line_items: lines(5, 2) } });
  assert.deepEqual(await partStock(), { [h.w1]: 5, [h.w2]: 3 });
  await h.api('PUT', `/api/invoice/${uid}`, { invoice: { line_items: lines(1) } });
  assert.deepEqual(await partStock(), { [h.w1]: 9, [h.w2]: 5 });
  h.emu.admin.updateSettings({ consumption: { editAppliesDifference: false } });
  const res = await h.api('PUT', `/api/invoice/${uid}`, { invoice: { line_items: lines(4) } });
  assert.deepEqual(res.body, { type: 'success', message: 'Invoice Updated', data: { invoice_uid: uid } });
  assert.deepEqual(await partStock(), { [h.w1]: 9, [h.w2]: 5 });
});

test('delete restores and recover consumes again, each by its own switch', async () => {
  const uid = await createInvoice(lines(4));
  const del = await h.api('DELETE', `/api/invoice/${uid}`);
  assert.deepEqual(del.body, { type: 'success', message: 'Invoice deleted successfully' });
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 });
  const recover = await h.api('POST', '/api/invoice/recover', { entity_uids: [uid] });
  assert.deepEqual(recover.body, { type: 'success', message: 'Invoice Recovered Successfully' });
  assert.deepEqual(await partStock(), { [h.w1]: 6, [h.w2]: 5 });
  assert.equal((await h.api('GET', `/api/invoice/${uid}`)).body.data.is_deleted, false);

  h.emu.admin.updateSettings({ consumption: { recoverConsumesAgain: false } });
  await h.api('DELETE', `/api/invoice/${uid}`);
  await h.api('POST', '/api/invoice/recover', { entity_uids: [uid] });
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 }, 'recovered without consuming');

  h.emu.admin.updateSettings({ consumption: { deleteRestores: false, recoverConsumesAgain: true } });
  const kept = await createInvoice(lines(2));
  await h.api('DELETE', `/api/invoice/${kept}`);
  assert.deepEqual(await partStock(), { [h.w1]: 8, [h.w2]: 5 }, 'delete kept the consumption');
  await h.api('POST', '/api/invoice/recover', { entity_uids: [kept] });
  assert.deepEqual(await partStock(), { [h.w1]: 8, [h.w2]: 5 }, 'no double consumption on recover');
});

test('CANCELED restores stock unless switched off', async () => {
  const uid = await createInvoice(lines(4));
  const status = await h.api('PUT', `/api/invoice/${uid}/status`, { invoice_uid: uid, invoice_status: 'CANCELED' });
  assert.deepEqual(status.body, { type: 'success', message: 'Invoice Status Updated', data: { invoice_uid: uid } });
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 });
  assert.equal((await h.api('GET', `/api/invoice/${uid}`)).body.data.invoice_status, 'CANCELED');

  h.emu.admin.updateSettings({ consumption: { cancelRestores: false } });
  const other = await createInvoice(lines(4));
  await h.api('PUT', `/api/invoice/${other}/status`, { invoice_uid: other, invoice_status: 'CANCELED' });
  assert.deepEqual(await partStock(), { [h.w1]: 6, [h.w2]: 5 });
  assert.equal(
    (await h.api('PUT', `/api/invoice/${other}/status`, { invoice_uid: other, invoice_status: 'NOPE' })).status,
    400,
  );
});

test('consumption can start at a status instead of at create', async () => {
  h.emu.admin.updateSettings({ consumption: { trigger: 'AWAIT_PAYMENT' } });
  const uid = await createInvoice(lines(4));
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 });
  await h.api('PUT', `/api/invoice/${uid}/status`, { invoice_uid: uid, invoice_status: 'AWAIT_PAYMENT' });
  assert.deepEqual(await partStock(), { [h.w1]: 6, [h.w2]: 5 });
  await h.api('PUT', `/api/invoice/${uid}/status`, { invoice_uid: uid, invoice_status: 'PAID', amount_paid: 48 });
  assert.deepEqual(await partStock(), { [h.w1]: 6, [h.w2]: 5 }, 'consumed once');
  const paid = (await h.api('GET', `/api/invoice/${uid}`)).body.data;
  assert.deepEqual([paid.is_paid, paid.amount_paid], [true, 48]);
});

test('consumption modules other than INVOICE never consume on invoices', async () => {
  for (const module of ['JOB', 'QUOTE', 'NONE'] as const) {
    h.emu.admin.updateCompanySettings('acme', { consumption_module: module });
    const uid = await createInvoice(lines(4));
    await h.api('DELETE', `/api/invoice/${uid}`);
    assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 }, module);
  }
});

test('a line without location_uid consumes at the default location, or nowhere without one', async () => {
  await createInvoice([{ product_uid: part, quantity: 2 }]);
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 });
  h.emu.admin.updateCompanySettings('acme', { default_location_uid: h.w2 });
  await createInvoice([{ product_uid: part, quantity: 2 }]);
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 3 });
});

test('negative stock off: an invoice that would go below 0 is refused whole, and nothing moves', async () => {
  h.emu.admin.updateCompanySettings('acme', { allow_negative_stock: false });
  const before = (await h.api('GET', '/api/invoice?count=1')).body.total_records;
  const res = await h.api('POST', '/api/invoice', {
    invoice: {
      invoice_date: '2026-01-15',
      line_items: [
        { product_uid: part, location_uid: h.w1, quantity: 1 },
        { product_uid: part, location_uid: h.w2, quantity: 6 },
      ],
    },
  });
  assert.deepEqual(res.body, {
    type: 'error',
    title: 'Insufficient quantity in the selected location',
    message: 'Insufficient quantity in the selected location',
  });
  assert.equal(res.status, 400);
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 });
  assert.equal((await h.api('GET', '/api/invoice?count=1')).body.total_records, before);
});

test('consumption may also write transaction rows', async () => {
  h.emu.admin.updateSettings({ consumption: { writesTransactions: true } });
  const uid = await createInvoice(lines(3));
  await h.api('DELETE', `/api/invoice/${uid}`);
  const txs = (await h.api('GET', `/api/product/transaction?product_uid=${part}&sort=ASC`)).body.data;
  assert.deepEqual(
    txs.map((t: { type: string; quantity: number }) => [t.type, t.quantity]),
    [
      ['OUTWARD', 3],
      ['INWARD', 3],
    ],
  );
  assert.match(txs[0].remarks, /^Invoice #\d+$/);
});

test('invoices validate dates, products and locations; create response shape is configurable', async () => {
  const bad = (invoice: Record<string, unknown>) => h.api('POST', '/api/invoice', { invoice });
  assert.equal((await bad({ line_items: [] })).status, 400, 'invoice_date required');
  assert.equal(
    (await bad({ invoice_date: '2026-01-01', line_items: [{ product_uid: 'nope', quantity: 1 }] })).status,
    400,
  );
  assert.equal(
    (
      await bad({
        invoice_date: '2026-01-01',
        line_items: [{ product_uid: part, location_uid: 'nowhere', quantity: 1 }],
      })
    ).status,
    400,
  );
  assert.deepEqual(await partStock(), { [h.w1]: 10, [h.w2]: 5 });
  const created = await h.api('POST', '/api/invoice', { invoice: { invoice_date: '2026-01-01' } });
  assert.deepEqual(Object.keys(created.body), ['type', 'message', 'data']);
  h.emu.admin.updateSettings({ invoices: { createResponse: 'empty' } });
  const empty = await h.api('POST', '/api/invoice', {
    invoice: { invoice_date: '2026-01-01', reference_no: 'REF-EMPTY' },
  });
  assert.deepEqual([empty.status, empty.body], [200, {}]);
  const found = await h.api('GET', '/api/invoice?filter.keyword=REF-EMPTY');
  assert.equal(found.body.total_records, 1);
  assert.equal(found.body.data[0].reference_no, 'REF-EMPTY');
  assert.equal((await h.api('GET', '/api/invoice?sort_by=total')).status, 400);
  assert.equal((await h.api('GET', '/api/invoice/unknown')).status, 404);
});
