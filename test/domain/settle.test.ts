import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeSettle, initialBase, isNoop } from '../../domain/settle.js';
import { addQty, roundQty } from '../../domain/quantity.js';
import { movementId, movementRequestId, ownMovementIdPattern, settlePlanId } from '../../domain/movement-id.js';
import { settlePlanOf } from '../../domain/recorded-shapes/settle-plan.js';

describe('settle by state', () => {
  it('applies each side the other side change and moves the base by both', () => {
    const math = computeSettle({ base: 10, accounting: 7, field: 12 });
    assert.deepEqual(math, { changed: { accounting: -3, field: 2 }, move: { accounting: 2, field: -3 }, newBase: 9 });
    assert.equal(addQty(7, math.move.accounting), math.newBase);
    assert.equal(addQty(12, math.move.field), math.newBase);
  });

  it('is a no-op when both sides still show the base', () => {
    assert.equal(isNoop(computeSettle({ base: 4, accounting: 4, field: 4 })), true);
    assert.equal(isNoop(computeSettle({ base: 4, accounting: 4, field: 3 })), false);
  });

  it('keeps negative and fractional quantities exact to six places', () => {
    const math = computeSettle({ base: 0.1, accounting: -5.2, field: 28.130000000000003 });
    assert.equal(math.newBase, roundQty(-5.2 + 28.13 - 0.1));
    assert.equal(math.move.field, -5.3);
  });

  it('our own writes settle to zero on the next pass (no echo loop)', () => {
    const first = computeSettle({ base: 10, accounting: 8, field: 10 });
    const after = {
      base: first.newBase,
      accounting: addQty(8, first.move.accounting),
      field: addQty(10, first.move.field),
    };
    assert.equal(isNoop(computeSettle(after)), true);
  });

  it('starts a new link from the non-master quantity so the master wins through a movement', () => {
    const seen = { accounting: 10, field: 3 };
    const math = computeSettle({ base: initialBase('accounting', seen), ...seen });
    assert.deepEqual([math.move.accounting, math.move.field, math.newBase], [0, 7, 10]);
    const fieldMaster = computeSettle({ base: initialBase('field', seen), ...seen });
    assert.deepEqual([fieldMaster.move.accounting, fieldMaster.move.field, fieldMaster.newBase], [-7, 0, 3]);
  });

  it('derives the same ids for the same settle and fits QBO limits', () => {
    const plan = settlePlanId('c1', '19', 3);
    assert.equal(plan, settlePlanId('c1', '19', 3));
    assert.notEqual(plan, settlePlanId('c1', '19', 4));
    const accounting = movementId(plan, 'accounting');
    assert.ok(accounting.length <= 21, accounting);
    assert.notEqual(accounting, movementId(plan, 'field'));
    assert.match(accounting, ownMovementIdPattern);
    assert.match(movementId(plan, 'field'), ownMovementIdPattern);
    assert.equal(movementRequestId({ movementId: accounting }), accounting);
    assert.equal(movementRequestId({ movementId: accounting, requestAttempt: 2 }), `${accounting}-r2`);
  });

  it('reads a plan stored before the settle spoke of sides as the same settle', () => {
    const flat = {
      id: 'st-1',
      connectionId: 'c1',
      qboItemId: '19',
      zuperProductUid: 'z-19',
      linkVersion: 3,
      base: 10,
      qboSeen: 7,
      zuperSeen: 12,
      toQbo: 2,
      toZuper: -3,
      newBase: 9,
      qboMovementId: 'mvq-a',
      zuperMovementId: 'mvz-b',
      reason: 'test',
      plannedAt: '2026-01-01T00:00:00.000Z',
      qboRequestAttempt: 1,
    };
    assert.deepEqual(settlePlanOf(flat), {
      id: 'st-1',
      connectionId: 'c1',
      accountingItemId: '19',
      fieldItemId: 'z-19',
      linkVersion: 3,
      base: 10,
      newBase: 9,
      accounting: { seen: 7, move: 2, movementId: 'mvq-a', requestAttempt: 1 },
      field: { seen: 12, move: -3, movementId: 'mvz-b' },
      reason: 'test',
      plannedAt: '2026-01-01T00:00:00.000Z',
    });
    const current = settlePlanOf(flat);
    assert.equal(settlePlanOf(current), current, 'a plan in the current shape is read as it is');
  });
});
