import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeSettle, initialBase, isNoop } from '../../domain/settle.js';
import { addQty, roundQty } from '../../domain/quantity.js';
import { movementId, settlePlanId } from '../../domain/movement-id.js';

describe('settle by state', () => {
  it('applies each side the other side change and moves the base by both', () => {
    const math = computeSettle({ base: 10, qbo: 7, zuper: 12 });
    assert.deepEqual(math, { qboChange: -3, zuperChange: 2, toQbo: 2, toZuper: -3, newBase: 9 });
    assert.equal(addQty(7, math.toQbo), math.newBase);
    assert.equal(addQty(12, math.toZuper), math.newBase);
  });

  it('is a no-op when both sides still show the base', () => {
    assert.equal(isNoop(computeSettle({ base: 4, qbo: 4, zuper: 4 })), true);
    assert.equal(isNoop(computeSettle({ base: 4, qbo: 4, zuper: 3 })), false);
  });

  it('keeps negative and fractional quantities exact to six places', () => {
    const math = computeSettle({ base: 0.1, qbo: -5.2, zuper: 28.130000000000003 });
    assert.equal(math.newBase, roundQty(-5.2 + 28.13 - 0.1));
    assert.equal(math.toZuper, -5.3);
  });

  it('our own writes settle to zero on the next pass (no echo loop)', () => {
    const first = computeSettle({ base: 10, qbo: 8, zuper: 10 });
    const after = { base: first.newBase, qbo: addQty(8, first.toQbo), zuper: addQty(10, first.toZuper) };
    assert.equal(isNoop(computeSettle(after)), true);
  });

  it('starts a new link from the non-master quantity so the master wins through a movement', () => {
    const base = initialBase('qbo', { qbo: 10, zuper: 3 });
    const math = computeSettle({ base, qbo: 10, zuper: 3 });
    assert.deepEqual([math.toQbo, math.toZuper, math.newBase], [0, 7, 10]);
    const zuperMaster = computeSettle({ base: initialBase('zuper', { qbo: 10, zuper: 3 }), qbo: 10, zuper: 3 });
    assert.deepEqual([zuperMaster.toQbo, zuperMaster.toZuper, zuperMaster.newBase], [-7, 0, 3]);
  });

  it('derives the same ids for the same settle and fits QBO limits', () => {
    const plan = settlePlanId('c1', '19', 3);
    assert.equal(plan, settlePlanId('c1', '19', 3));
    assert.notEqual(plan, settlePlanId('c1', '19', 4));
    const q = movementId(plan, 'qbo');
    assert.ok(q.length <= 21, q);
    assert.notEqual(q, movementId(plan, 'zuper'));
  });
});
