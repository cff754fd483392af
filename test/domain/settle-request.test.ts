import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  quantitySnapshotOf,
  settleResultOf,
  type StoredQuantitySnapshot,
  type StoredSettleResult,
} from '../../domain/recorded-shapes/settle-request.js';
import { historyQuantitiesOf } from '../../domain/history-quantities.js';

describe('the settle request and result by side', () => {
  it('reads a snapshot sent before the side-neutral request, and the current one as it is', () => {
    const older = { qbo: 7, zuper: 5, linkVersion: 3 } as StoredQuantitySnapshot;
    assert.deepEqual(quantitySnapshotOf(older), { accounting: 7, field: 5, linkVersion: 3 });
    assert.deepEqual(quantitySnapshotOf({ accounting: 2, field: 0, linkVersion: 1 }), {
      accounting: 2,
      field: 0,
      linkVersion: 1,
    });
  });

  it('reads in-sync and settled results of either shape by side; a failure as it is', () => {
    const olderInSync = { status: 'in-sync', qbo: null, zuper: 4, base: 4 } as StoredSettleResult;
    assert.deepEqual(settleResultOf(olderInSync), { status: 'in-sync', accounting: null, field: 4, base: 4 });
    const olderSettled = {
      status: 'settled',
      outcome: {
        planId: 'p1',
        qboItemId: '19',
        zuperProductUid: 'zp-1',
        before: { base: 10, qbo: 10, zuper: 8 },
        after: { base: 8, qbo: 8, zuper: 8 },
        toQbo: -2,
        toZuper: 0,
      },
    } as StoredSettleResult;
    const settled = settleResultOf(olderSettled);
    assert.equal(settled.status, 'settled');
    if (settled.status === 'settled') {
      assert.deepEqual(
        [settled.outcome.accountingItemId, settled.outcome.before, settled.outcome.moved],
        ['19', { base: 10, accounting: 10, field: 8 }, { accounting: -2, field: 0 }],
      );
    }
    const failed: StoredSettleResult = {
      status: 'failed',
      failure: { status: 'needs_attention', code: 'x', explanation: 'why', fix: null },
    };
    assert.deepEqual(settleResultOf(failed), failed);
    assert.deepEqual(settleResultOf({ status: 'in-sync', accounting: 3, field: null, base: 3 }), {
      status: 'in-sync',
      accounting: 3,
      field: null,
      base: 3,
    });
  });

  it("reads a history row's quantities by side, whichever system an older row keyed them by", () => {
    assert.deepEqual(historyQuantitiesOf({ base: 5, qbd: 5, zuper: 4 }), { base: 5, accounting: 5, field: 4 });
    assert.deepEqual(historyQuantitiesOf({ base: 5, qbo: 6 }), { base: 5, accounting: 6 });
    assert.deepEqual(historyQuantitiesOf({ base: 1, accounting: 1, field: 2 }), { base: 1, accounting: 1, field: 2 });
    assert.equal(historyQuantitiesOf(null), null);
  });
});
