import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvariants, type Observations } from '../../chaos/invariants.js';

/** One item that moved −3 in QBO (user) and was followed by a −3 movement in Zuper: all consistent. */
const consistent = (): Observations => ({
  items: [{ qboItemId: '7', zuperProductUid: 'p7', qbo: 17, zuper: 17, expected: 17 }],
  ledger: [{ id: 'mvz-1', target: 'zuper', qboItemId: '7', qtyDiff: -3 }],
  qboWrites: [],
  zuperWrites: [{ movementId: 'mvz-1', transactionUid: 't1', productUid: 'p7', qtyDiff: -3 }],
  pendingPlans: [],
  failures: [
    { id: 1, kind: 'quantity', status: 'failed', qboItemId: '7', explanation: 'QuickBooks refused the change.' },
  ],
});

describe('chaos invariants', () => {
  it('accepts a consistent end state', () => {
    assert.deepEqual(checkInvariants(consistent()), []);
  });

  it('reports a quantity that differs from the movements on either side', () => {
    const o = consistent();
    o.items[0]!.zuper = 20;
    assert.deepEqual(checkInvariants(o), [
      { rule: 'quantity', item: '7', detail: 'QBO 17, Zuper 20, expected 17 (Zuper product p7)' },
    ]);
  });

  it('reports a movement written twice, or never', () => {
    const twice = consistent();
    twice.zuperWrites.push({ movementId: 'mvz-1', transactionUid: 't2', productUid: 'p7', qtyDiff: -3 });
    assert.deepEqual(
      checkInvariants(twice).map((v) => [v.rule, v.detail]),
      [['applied-twice', 'movement mvz-1 (zuper -3) was written 2 times in Zuper: transaction t1, transaction t2']],
    );
    const never = consistent();
    never.zuperWrites = [];
    assert.deepEqual(
      checkInvariants(never).map((v) => v.rule),
      ['applied-twice'],
    );
  });

  it('reports a write the ledger does not know, and one that differs from its ledger row', () => {
    const o = consistent();
    o.qboWrites.push({ movementId: 'mvq-9', adjustmentId: '55', qboItemId: '7', qtyDiff: 3 });
    o.zuperWrites[0]!.qtyDiff = -4;
    assert.deepEqual(
      checkInvariants(o).map((v) => [v.rule, v.detail]),
      [
        ['ledger', 'movement mvz-1 is -3 for item 7 in the ledger but -4 for item 7 in transaction t1'],
        ['write-without-ledger', 'QBO adjustment 55 carries movement mvq-9 (3), which the ledger does not have'],
      ],
    );
  });

  it('reports pending plans and failures without an explanation', () => {
    const o = consistent();
    o.pendingPlans = ['7'];
    o.failures.push({ id: 2, kind: 'item', status: 'needs_attention', qboItemId: null, explanation: ' ' });
    assert.deepEqual(
      checkInvariants(o).map((v) => [v.rule, v.item]),
      [
        ['pending-plan', '7'],
        ['unexplained-failure', null],
      ],
    );
  });
});
