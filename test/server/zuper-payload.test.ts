import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zuperRouteUidField, zuperSubscriptions } from '../../integrations/zuper/events.js';
import { parseZuperPayload, zuperDeliveryMaxAgeMs } from '../../integrations/zuper/webhook-payload.js';
import { recordedZuperBody } from '../support/zuper-deliveries.js';

const now = new Date('2026-09-16T16:00:00.000Z');
const recently = '2026-09-16T15:51:50.106Z';

test('routes every subscribed key from a body shaped like the recorded delivery', () => {
  for (const { event, route } of zuperSubscriptions) {
    const uid = { product: 'p-1', invoice: 'i-1', movement: 't-1' }[route];
    const result = parseZuperPayload(recordedZuperBody(event, { [zuperRouteUidField[route]]: uid }, recently), now);
    const expected = {
      event,
      route,
      productUid: route === 'product' ? 'p-1' : null,
      invoiceUid: route === 'invoice' ? 'i-1' : null,
      transactionUid: route === 'movement' ? 't-1' : null,
    };
    assert.deepEqual(result, { ok: true, delivery: { kind: 'change', event: expected } }, event);
  }
});

test('ignores unknown fields, and takes a JSON-written workflow_builder or none at all', () => {
  const body: Record<string, unknown> = {
    ...recordedZuperBody('product.update', { product_uid: 'p-2' }, recently),
    all_day: 'False',
    n: 4,
  };
  const expected = {
    event: 'product.update',
    route: 'product',
    productUid: 'p-2',
    invoiceUid: null,
    transactionUid: null,
  };
  assert.deepEqual(parseZuperPayload(body, now), { ok: true, delivery: { kind: 'change', event: expected } });
  const json = { ...body, workflow_builder: '{"workflow_uid": null}' };
  assert.equal(parseZuperPayload(json, now).ok, true);
  const without = { ...body };
  delete without.workflow_builder;
  assert.equal(parseZuperPayload(without, now).ok, true);
});

test('acknowledges catalogued keys the sync does not need, and keys of modules it does not read', () => {
  for (const event of ['invoice.payment', 'product.location_new', 'product.bulk_action', 'job.update_schedule']) {
    const body = recordedZuperBody(event, { job_uid: 'j-1' }, recently);
    assert.deepEqual(parseZuperPayload(body, now), { ok: true, delivery: { kind: 'ignored', event } }, event);
  }
});

test('refuses, with the reason, what it cannot route', () => {
  const stale = new Date(now.getTime() - zuperDeliveryMaxAgeMs - 1000).toISOString();
  const cases: [unknown, string, string][] = [
    [
      recordedZuperBody('product.stock_update', { product_uid: 'p' }, recently),
      'unknown_event',
      'product.stock_update',
    ],
    [recordedZuperBody('invoice.recover', { invoice_uid: 'i' }, recently), 'unknown_event', 'invoice.recover'],
    [recordedZuperBody('product.update', {}, recently), 'missing_uid', 'product.update needs product_uid'],
    [recordedZuperBody('invoice.delete', { product_uid: 'p' }, recently), 'missing_uid', 'needs invoice_uid'],
    [
      { ...recordedZuperBody('product.update', { product_uid: 'p' }, recently), workflow_builder: 'None' },
      'invalid_workflow_builder',
      'not a mapping',
    ],
    [
      { ...recordedZuperBody('product.update', { product_uid: 'p' }, recently), workflow_builder: { a: 1 } },
      'invalid_workflow_builder',
      'not a mapping',
    ],
    [recordedZuperBody('product.update', { product_uid: 'p' }, stale), 'stale_delivery', 'more than 24 h old'],
    [{ product_uid: 'p1' }, 'invalid_payload', 'event'],
    [{ event: 'product.update', product_uid: 17 }, 'invalid_payload', 'product_uid'],
    [recordedZuperBody('product.update', { product_uid: 'p\u0000' }, recently), 'invalid_payload', 'product_uid'],
    [recordedZuperBody('invoice.new', { invoice_uid: '\ud800i' }, recently), 'invalid_payload', 'invoice_uid'],
    [{ event: 'Product Update', product_uid: 'p' }, 'invalid_payload', 'expected a Zuper event key'],
    [[{ event: 'product.update' }], 'invalid_payload', 'expected object, received array'],
  ];
  for (const [body, reason, detail] of cases) {
    const result = parseZuperPayload(body, now);
    assert.equal(result.ok, false, JSON.stringify(body));
    if (result.ok) continue;
    assert.equal(result.reason, reason, JSON.stringify(body));
    assert.ok(result.error.includes(detail), `${result.error} should mention ${detail}`);
  }
});
