import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultZuperSettings } from '../../../emulators/zuper/index.js';
import { deepMerge } from '../../../emulators/zuper/deep-merge.js';
import { decideStock } from '../../../emulators/zuper/invoices/consumption-rules.js';
import { consumptionOf, planBetween } from '../../../emulators/zuper/invoices/consumption.js';
import { takeRequest } from '../../../emulators/zuper/rate-limit.js';
import { locationTakenBelowZero, sumQuantity } from '../../../emulators/zuper/stock/location-stock.js';
import { nextPurchasePrice } from '../../../emulators/zuper/stock/purchase-cost.js';
import { nextStockOnPut, stockDeltas } from '../../../emulators/zuper/stock/put-stock.js';
import type { LocationStock } from '../../../emulators/zuper/store/types.js';
import { decodeHeaders, encodeHeaders } from '../../../emulators/zuper/webhooks/stored-headers.js';

const entry = (location_uid: string, quantity: number): LocationStock => ({
  location_uid,
  quantity,
  min_quantity: null,
  serial_nos: [],
  _id: `id-${location_uid}`,
  created_at: 't',
});

test('sumQuantity reproduces the documented per-location totals, float drift included', () => {
  assert.equal(
    sumQuantity([-5, 109.87, 1, 1, 28.13, 8].map((q) => ({ quantity: q }))),
    -5 + 109.87 + 1 + 1 + 28.13 + 8,
  );
  assert.equal(sumQuantity([-198, -2, -46, 0, 40, 6].map((q) => ({ quantity: q }))), -200);
  assert.equal(sumQuantity([]), 0);
});

test('locationTakenBelowZero only flags decreases that end below 0', () => {
  const stock = [entry('a', 2), entry('b', -5)];
  assert.equal(locationTakenBelowZero(stock, new Map([['a', -2]])), undefined);
  assert.equal(locationTakenBelowZero(stock, new Map([['a', -2.5]])), 'a');
  assert.equal(locationTakenBelowZero(stock, new Map([['b', 1]])), undefined, 'inward onto negative');
  assert.equal(locationTakenBelowZero(stock, new Map([['new', -1]])), 'new', 'an unstocked location is 0');
});

test('nextStockOnPut and stockDeltas follow the merge/replace and keep/reset rules', () => {
  const current = [entry('a', 10), entry('b', 4)];
  const create = (uid: string) => entry(uid, 0);
  const merge = nextStockOnPut(
    current,
    [{ location: 'a' }, { location: 'c', quantity: 1 }],
    { mode: 'merge', omittedQuantity: 'keep' },
    create,
  );
  assert.deepEqual(
    merge.map((e) => [e.location_uid, e.quantity, e._id]),
    [
      ['a', 10, 'id-a'],
      ['b', 4, 'id-b'],
      ['c', 1, 'id-c'],
    ],
  );
  const replace = nextStockOnPut(current, [{ location: 'a' }], { mode: 'replace', omittedQuantity: 'reset' }, create);
  assert.deepEqual(
    replace.map((e) => [e.location_uid, e.quantity]),
    [['a', 0]],
  );
  assert.deepEqual(
    [...stockDeltas(current, replace)],
    [
      ['a', -10],
      ['b', -4],
    ],
  );
  assert.deepEqual([...stockDeltas(current, merge)], [['c', 1]]);
  assert.equal(current[0]?.quantity, 10, 'inputs untouched');
});

test('consumptionOf and planBetween turn invoice lines into stock movements', () => {
  const tracked = (uid: string) => uid !== 'svc';
  const held = consumptionOf(
    [
      { product_uid: 'p', location_uid: 'a', quantity: 2 },
      { product_uid: 'p', location_uid: 'a', quantity: 1.5 },
      { product_uid: 'p', location_uid: null, quantity: 1 },
      { product_uid: 'svc', location_uid: 'a', quantity: 9 },
      { product_uid: null, location_uid: 'a', quantity: 9 },
    ],
    tracked,
    'dflt',
  );
  assert.deepEqual(
    [...held],
    [
      ['p|a', 3.5],
      ['p|dflt', 1],
    ],
  );
  assert.deepEqual([...consumptionOf([{ product_uid: 'p', location_uid: null, quantity: 1 }], tracked, null)], []);
  const plan = planBetween(
    new Map([
      ['p|a', 3],
      ['q|b', 1],
    ]),
    new Map([['p|a', 5]]),
  );
  assert.deepEqual(
    [...plan].map(([p, d]) => [p, [...d]]),
    [
      ['p', [['a', -2]]],
      ['q', [['b', 1]]],
    ],
  );
  assert.deepEqual([...planBetween(new Map([['p|a', 2]]), new Map([['p|a', 2]]))], []);
});

test('decideStock: each invoice switch changes only its own event', () => {
  const rules = defaultZuperSettings().consumption;
  const fresh = { consuming: false, restoredByDelete: false };
  const consuming = { consuming: true, restoredByDelete: false };
  assert.equal(decideStock({ kind: 'create', status: 'DRAFT' }, fresh, 'INVOICE', rules).hold, 'lines');
  assert.equal(decideStock({ kind: 'create', status: 'DRAFT' }, fresh, 'JOB', rules).hold, 'none');
  assert.equal(decideStock({ kind: 'create', status: 'CANCELED' }, fresh, 'INVOICE', rules).hold, 'none');
  assert.equal(decideStock({ kind: 'update' }, consuming, 'INVOICE', rules).hold, 'lines');
  assert.equal(
    decideStock({ kind: 'update' }, consuming, 'INVOICE', { ...rules, editAppliesDifference: false }).hold,
    'keep',
  );
  assert.deepEqual(decideStock({ kind: 'delete' }, consuming, 'INVOICE', rules), {
    hold: 'none',
    consuming: false,
    restoredByDelete: true,
  });
  assert.equal(decideStock({ kind: 'delete' }, consuming, 'INVOICE', { ...rules, deleteRestores: false }).hold, 'keep');
  const deleted = { consuming: false, restoredByDelete: true };
  assert.equal(decideStock({ kind: 'recover' }, deleted, 'INVOICE', rules).hold, 'lines');
  assert.equal(
    decideStock({ kind: 'recover' }, deleted, 'INVOICE', { ...rules, recoverConsumesAgain: false }).hold,
    'keep',
  );
  assert.equal(decideStock({ kind: 'status', status: 'CANCELED' }, consuming, 'INVOICE', rules).hold, 'none');
  assert.equal(
    decideStock({ kind: 'status', status: 'CANCELED' }, consuming, 'INVOICE', { ...rules, cancelRestores: false }).hold,
    'keep',
  );
  const atStatus = { ...rules, trigger: 'AWAIT_PAYMENT' as const };
  assert.equal(decideStock({ kind: 'create', status: 'DRAFT' }, fresh, 'INVOICE', atStatus).hold, 'none');
  assert.equal(decideStock({ kind: 'status', status: 'AWAIT_PAYMENT' }, fresh, 'INVOICE', atStatus).hold, 'lines');
  assert.equal(decideStock({ kind: 'status', status: 'AWAIT_PAYMENT' }, consuming, 'INVOICE', atStatus).hold, 'keep');
});

test('takeRequest counts a fixed window and reports when it resets', () => {
  let d = takeRequest(undefined, 1000, 2, 60_000);
  assert.deepEqual([d.allowed, d.remaining], [true, 1]);
  d = takeRequest(d.window, 2000, 2, 60_000);
  assert.deepEqual([d.allowed, d.remaining], [true, 0]);
  d = takeRequest(d.window, 3000, 2, 60_000);
  assert.deepEqual([d.allowed, d.remaining, d.resetInMs], [false, 0, 58_000]);
  d = takeRequest(d.window, 61_000, 2, 60_000);
  assert.deepEqual([d.allowed, d.remaining], [true, 1]);
});

test('stored webhook headers: objects round-trip, pre-stringified values are double-encoded and yield nothing', () => {
  assert.deepEqual(decodeHeaders(encodeHeaders({ Authorization: 'Bearer x', 'X-N': 5 })), {
    Authorization: 'Bearer x',
    'X-N': '5',
  });
  const doubled = encodeHeaders('{"Authorization":"Bearer x"}');
  assert.equal(doubled, '"{\\"Authorization\\":\\"Bearer x\\"}"');
  assert.deepEqual(decodeHeaders(doubled), {});
  assert.deepEqual(decodeHeaders(encodeHeaders(null)), {});
});

test('purchase cost modes', () => {
  assert.equal(nextPurchasePrice('LATEST', 10, 5, 4, 5), 4);
  assert.equal(nextPurchasePrice('HIGHEST', 10, 5, 4, 5), 10);
  assert.equal(nextPurchasePrice('WEIGHTED_AVERAGE', 10, 5, 4, 5), 7);
  assert.equal(nextPurchasePrice('WEIGHTED_AVERAGE', 10, 0, 4, 5), 4);
  assert.equal(nextPurchasePrice('NONE', 10, 5, 4, 5), 10);
});

test('deepMerge merges objects, replaces arrays, scalars and atomic paths', () => {
  const base = { a: { b: 1, c: [1, 2] }, body: { x: 1 } };
  assert.deepEqual(deepMerge(base, { a: { c: [3] }, body: { y: 2 } }), { a: { b: 1, c: [3] }, body: { x: 1, y: 2 } });
  assert.deepEqual(deepMerge(base, { body: { y: 2 } }, new Set(['body'])), { a: { b: 1, c: [1, 2] }, body: { y: 2 } });
  assert.deepEqual(deepMerge(base, { a: undefined }), base);
});
