import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZuperPayload } from '../../server/webhooks/zuper-payload.js';

test('finds the event name and uids wherever Zuper puts them', () => {
  const cases: [unknown, { event: string; productUid: string | null; invoiceUid: string | null }][] = [
    [
      { webhook_event: 'product.update', product_uid: 'p1' },
      { event: 'product.update', productUid: 'p1', invoiceUid: null },
    ],
    [
      { event: 'invoice.new', data: { invoice_uid: 'i1', total: 5 } },
      { event: 'invoice.new', productUid: null, invoiceUid: 'i1' },
    ],
    [
      { event: 'product.update', payload: { product_uid: 'p2' } },
      { event: 'product.update', productUid: 'p2', invoiceUid: null },
    ],
    [
      { webhook_event: 'a', event: 'b', product_uid: 'top', data: { product_uid: 'nested', invoice_uid: 'i2' } },
      { event: 'a', productUid: 'top', invoiceUid: 'i2' },
    ],
    [
      { event: 'job.new', data: 'a string', job_uid: 'j1' },
      { event: 'job.new', productUid: null, invoiceUid: null },
    ],
    [
      { event: 'product.update', product_uid: null, data: [{ product_uid: 'ignored' }] },
      { event: 'product.update', productUid: null, invoiceUid: null },
    ],
  ];
  for (const [body, event] of cases)
    assert.deepEqual(parseZuperPayload(body), { ok: true, event }, JSON.stringify(body));
});

test('refuses bodies without an event name, with uids that are not strings, or that are not objects', () => {
  const cases: [unknown, string][] = [
    [{ product_uid: 'p1' }, '(body): expected an event name in webhook_event or event'],
    [{ event: 'product.update', product_uid: 17 }, 'product_uid: Invalid input: expected string, received number'],
    [
      { event: 'invoice.new', data: { invoice_uid: ['i1'] } },
      'data.invoice_uid: Invalid input: expected string, received array',
    ],
    [{ event: '' }, 'event: Too small: expected string to have >=1 characters'],
    [[{ event: 'product.update' }], '(body): Invalid input: expected object, received array'],
  ];
  for (const [body, error] of cases)
    assert.deepEqual(parseZuperPayload(body), { ok: false, error }, JSON.stringify(body));
});
