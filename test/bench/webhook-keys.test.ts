import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { qboEntityKey, webhookKeys, zuperInvoiceKey } from '../../bench/support/webhook-arrivals.js';

describe('webhookKeys', () => {
  it('names every entity of a QBO CloudEvents array by realm, entity and id', () => {
    const body = [
      { type: 'qbo.invoice.created.v1', intuitaccountid: '9130', intuitentityid: '42' },
      { type: 'qbo.inventoryadjustment.created.v1', intuitaccountid: '9130', intuitentityid: '7' },
      { type: 'qbo.item.updated.v1', intuitaccountid: 9130, intuitentityid: '1' },
    ];
    assert.deepEqual(webhookKeys('/webhooks/qbo', body), [
      qboEntityKey('9130', 'Invoice', '42'),
      'qbo:9130:inventoryadjustment:7',
    ]);
  });

  it('names the invoice of a Zuper webhook and nothing else', () => {
    assert.deepEqual(webhookKeys('/webhooks/zuper/c1', { webhook_event: 'invoice.new', invoice_uid: 'inv-1' }), [
      zuperInvoiceKey('inv-1'),
    ]);
    assert.deepEqual(
      webhookKeys('/webhooks/zuper/c1', { webhook_event: 'product.stock_update', product_uid: 'p-1' }),
      [],
    );
    assert.deepEqual(webhookKeys('/webhooks/qbo', { invoice_uid: 'inv-1' }), []);
  });
});
