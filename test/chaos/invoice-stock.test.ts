import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyInvoiceEvent, type ConsumptionRules, type TrackedInvoice } from '../../chaos/invoice-stock.js';
import { defaultZuperSettings } from '../../emulators/zuper/index.js';

const lines = (qty: number) => [{ qboItemId: '7', productUid: 'p7', locationUid: 'w1', qty }];
const fresh = (): TrackedInvoice => ({
  uid: 'i1',
  lines: [],
  canceled: false,
  deleted: false,
  stock: { consuming: false, restoredByDelete: false },
  held: new Map(),
});
const rulesWith = (patch: Partial<ConsumptionRules['rules']>): ConsumptionRules => ({
  module: 'INVOICE',
  rules: { ...defaultZuperSettings().consumption, ...patch },
});

describe('the stock a Zuper invoice holds, under the consumption switches', () => {
  it('consumes on create, applies the difference on edit, restores on delete and consumes again on recover', () => {
    const rules = rulesWith({});
    const invoice = fresh();
    assert.deepEqual(
      applyInvoiceEvent(invoice, { kind: 'create', status: 'DRAFT' }, lines(5), rules),
      new Map([['7', -5]]),
    );
    assert.deepEqual(applyInvoiceEvent(invoice, { kind: 'update' }, lines(2), rules), new Map([['7', 3]]));
    assert.deepEqual(applyInvoiceEvent(invoice, { kind: 'delete' }, invoice.lines, rules), new Map([['7', 2]]));
    assert.deepEqual(applyInvoiceEvent(invoice, { kind: 'recover' }, invoice.lines, rules), new Map([['7', -2]]));
    assert.deepEqual(
      applyInvoiceEvent(invoice, { kind: 'status', status: 'CANCELED' }, invoice.lines, rules),
      new Map([['7', 2]]),
    );
  });

  it('moves nothing on delete when deleting does not restore stock', () => {
    const rules = rulesWith({ deleteRestores: false });
    const invoice = fresh();
    applyInvoiceEvent(invoice, { kind: 'create', status: 'DRAFT' }, lines(4), rules);
    assert.deepEqual(applyInvoiceEvent(invoice, { kind: 'delete' }, invoice.lines, rules), new Map());
    assert.deepEqual(invoice.held, new Map([['7', -4]]));
  });

  it('consumes nothing when consumption is tracked on another module', () => {
    const invoice = fresh();
    const effect = applyInvoiceEvent(invoice, { kind: 'create', status: 'DRAFT' }, lines(4), {
      ...rulesWith({}),
      module: 'JOB',
    });
    assert.deepEqual(effect, new Map());
  });
});
