import { addQty, subQty } from './quantity.js';
import type { Side } from './sides.js';

/** What both sides showed and the base they last agreed on. */
export interface SettleObservation {
  base: number;
  accounting: number;
  field: number;
}

/**
 * The relative movements that bring both sides to `newBase`: each side receives the other side's change since the
 * base. Changes made after the read are left to the next settle.
 */
export interface SettleMath {
  changed: Record<Side, number>;
  move: Record<Side, number>;
  newBase: number;
}

export function computeSettle({ base, accounting, field }: SettleObservation): SettleMath {
  const changed = { accounting: subQty(accounting, base), field: subQty(field, base) };
  return {
    changed,
    move: { accounting: changed.field, field: changed.accounting },
    newBase: addQty(base, changed.accounting, changed.field),
  };
}

export function isNoop(math: SettleMath): boolean {
  return math.move.accounting === 0 && math.move.field === 0;
}

/**
 * The base a new link starts from, so that the first settle moves the non-master side to the master's quantity
 * through a recorded movement.
 */
export function initialBase(master: Side, quantities: Record<Side, number>): number {
  return master === 'accounting' ? quantities.field : quantities.accounting;
}
